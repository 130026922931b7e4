// bench:swap — `npm run bench:swap -- [--items 1000000] [--initialItems 100000] [--connections 20]
// [--algorithm hnsw|ivf] [--build 0] [--logs 1]`: with the api serving a model under load on GET /recommend/:userId,
// publish a big model and measure the publish time, the time until the api serves it, and the requests
// that failed meanwhile.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddingStore, ModelSnapshot } from '@recsys/domain';
import { createSeededRandom } from '@recsys/synthetic-data';
import { parseBenchOptions } from './bench-options';
import { startLoad, type LoadResult } from './http-load';
import { indexSettings } from './index-settings';
import { createIsolatedServices } from './isolated-services';
import { round } from './latency-stats';
import { reportBenchRun } from './report';
import { runBench } from './run-bench';
import { BENCH_API_KEY, buildApps, startApi, type RunningApi } from './running-apps';
import { syntheticModel, userIdOf, type SyntheticModelOptions } from './synthetic-model';

const DEFAULTS = {
  items: 1_000_000,
  initialItems: 100_000,
  users: 100_000,
  dim: 64,
  seed: 11,
  connections: 20,
  /** Load before the publish and after the swap, so the window is inside the load. */
  marginSeconds: 2,
  pollIntervalMs: 100,
  algorithm: '',
  exactBelow: -1,
  swapTimeoutSeconds: 1800,
  build: 1,
  /** 1: print the api's log (the swap's steps, with Nest's +ms between lines) after the table. */
  logs: 0,
};
type SwapOptions = typeof DEFAULTS;
const USAGE = `npm run bench:swap -- ${Object.entries(DEFAULTS).map(([name, value]) => `[--${name} ${String(value)}]`).join(' ')}`; // prettier-ignore

runBench(async (cleanup) => {
  const options = parseBenchOptions(process.argv.slice(2), DEFAULTS, USAGE);
  const index = indexSettings(options);
  if (options.build) buildApps();
  const services = await createIsolatedServices('bench_swap', cleanup);
  const initial = syntheticModel(modelOptions(options, 'initial', options.initialItems));
  await services.embeddingStore.publish(initial.snapshot);
  const timeoutMs = options.swapTimeoutSeconds * 1000;
  const api = await startApi({ env: { ...services.env, ...index.env }, cleanup, startTimeoutMs: timeoutMs }); // prettier-ignore
  await api.waitUntilServing(initial.snapshot.metadata.version, { timeoutMs });
  process.stderr.write(`api serves ${options.initialItems} items; generating the ${options.items}-item model...\n`); // prettier-ignore
  const next = syntheticModel(modelOptions(options, 'next', options.items)).snapshot;
  const random = createSeededRandom(options.seed + 1);
  const load = startLoad({
    label: 'recommend during swap',
    baseUrl: api.baseUrl,
    pathOf: () => `/recommend/${userIdOf(Math.floor(random() * options.users))}`,
    apiKey: BENCH_API_KEY,
    connections: options.connections,
    durationSeconds: options.swapTimeoutSeconds + 10 * options.marginSeconds,
  });
  cleanup.defer('the load generator', async () => void (await load.stop()));
  await sleep(options.marginSeconds * 1000);
  const swap = await publishAndSwap({ api, store: services.embeddingStore, next, options });
  await sleep(options.marginSeconds * 1000);
  report(options, { ...swap, load: await load.stop() });
  if (options.logs) process.stderr.write(`--- api log ---\n${api.process.logs}\n`);
});

/** Publishes `next` and waits until the api serves it; both times from the publish start, in seconds. */
async function publishAndSwap(swap: {
  api: RunningApi;
  store: EmbeddingStore;
  next: ModelSnapshot;
  options: SwapOptions;
}): Promise<{ publishSeconds: number; swapSeconds: number | null }> {
  const { api, next, options } = swap;
  process.stderr.write(`publishing ${next.metadata.itemCount} items under load...\n`);
  const startMs = performance.now();
  await swap.store.publish(next);
  const publishSeconds = (performance.now() - startMs) / 1000;
  process.stderr.write(`published in ${publishSeconds.toFixed(1)} s; waiting for the api to serve it...\n`); // prettier-ignore
  // A swap slower than the timeout is a result too (the load's failures still count): report it as null.
  const servedAtMs = await api
    .waitUntilServing(next.metadata.version, {
      timeoutMs: options.swapTimeoutSeconds * 1000,
      intervalMs: options.pollIntervalMs,
    })
    .catch((error: Error) => void process.stderr.write(`${error.message.split('\n')[0]}\n`));
  return {
    publishSeconds,
    swapSeconds: servedAtMs === undefined ? null : (servedAtMs - startMs) / 1000,
  };
}

function modelOptions(options: SwapOptions, name: string, items: number): SyntheticModelOptions {
  return {
    version: `synthetic-${name}-${items}`,
    items,
    users: options.users,
    dim: options.dim,
    clusters: 0,
    spread: 1,
    seenPerUser: 5,
    popularCount: 1000,
    seed: options.seed + items,
  };
}

function report(
  options: SwapOptions,
  measured: { publishSeconds: number; swapSeconds: number | null; load: LoadResult },
): void {
  // prettier-ignore
  const { load } = measured;
  reportBenchRun({
    bench: 'swap',
    title: `bench:swap ${options.initialItems} -> ${options.items} items x ${options.dim} dims, ${options.connections} connections on /recommend from ${options.marginSeconds} s before the publish to ${options.marginSeconds} s after the swap`, // prettier-ignore
    columns: [
      'publish s',
      'swap s',
      'load s',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'failed',
      'total',
    ],
    rows: [[measured.publishSeconds, measured.swapSeconds ?? 'timed out', load.seconds, round(load.reqPerSec, 0), load.p50Ms, load.p99Ms, load.maxMs, load.failed, load.okRequests + load.failed]], // prettier-ignore
    summary: {
      items: options.items,
      initialItems: options.initialItems,
      dim: options.dim,
      publishSeconds: round(measured.publishSeconds, 2),
      swapSeconds: measured.swapSeconds === null ? null : round(measured.swapSeconds, 2),
      failedRequests: load.failed,
      totalRequests: load.okRequests + load.failed,
      errors: load.errors,
      timeouts: load.timeouts,
      non2xx: load.non2xx,
      reqPerSec: round(load.reqPerSec, 0),
      p99Ms: round(load.p99Ms, 3),
      maxMs: round(load.maxMs, 3),
    },
    details: { options, load },
  });
}
