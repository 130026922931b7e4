// bench:serving — `npm run bench:serving -- [--items 100000] [--users N] [--runs 3] [--seconds 15]
// [--connections 20] [--algorithm hnsw|ivf] [--build 0] [--shortlists 0]`: req/s and p50/p99 latency of
// GET /recommend/:userId on a running api serving a synthetic model, against GET /health/live of the same
// process, plus Recall@10 of the api's index against exact search on the same vectors. By default the load
// starts once the api has computed every user's list (RECOMMEND_SHORTLIST_SIZE), as a deployment serves
// after a swap settles; `--shortlists 0` turns the lists off to measure a search per request. Users
// 0..searchUsers-1 get fresh clicks (the search path: blended query vectors), measured as a third load.
// `--compareMetrics 1` measures instead the list path with the api's metrics on and off (see metrics-cost.ts).
import { randomUUID } from 'node:crypto';
import { createSeededRandom } from '@recsys/synthetic-data';
import { measureAnnRecall } from './ann-recall';
import { measureMetricsCost, reportMetricsCost } from './metrics-cost';
import { parseBenchOptions } from './bench-options';
import { runLoad, type LoadOptions, type LoadResult } from './http-load';
import { createIsolatedServices } from './isolated-services';
import { median, round } from './latency-stats';
import { reportBenchRun } from './report';
import { runBench } from './run-bench';
import { BENCH_API_KEY, buildApps, startApi, type RunningApi } from './running-apps';
import { indexSettings } from './index-settings';
import { recordFreshClicks } from './fresh-clicks';
import { syntheticModel, userIdOf } from './synthetic-model';

const DEFAULTS = {
  items: 100_000,
  users: 100_000,
  dim: 64,
  clusters: 0,
  spread: 1,
  seenPerUser: 5,
  seed: 7,
  runs: 3,
  seconds: 15,
  warmupSeconds: 3,
  connections: 20,
  recallQueries: 1000,
  algorithm: '',
  exactBelow: -1,
  startTimeoutSeconds: 1800,
  build: 1,
  shortlists: 1,
  searchUsers: 10_000,
  compareMetrics: 0,
};
type ServingOptions = typeof DEFAULTS;
const USAGE = `npm run bench:serving -- ${Object.entries(DEFAULTS).map(([name, value]) => `[--${name} ${String(value)}]`).join(' ')}`; // prettier-ignore

runBench(async (cleanup) => {
  const options = parseBenchOptions(process.argv.slice(2), DEFAULTS, USAGE);
  const index = indexSettings(options);
  if (options.build) buildApps();
  const services = await createIsolatedServices('bench_serving', cleanup);
  const model = syntheticModel({ ...options, version: `synthetic-${options.items}-${randomUUID().slice(0, 8)}`, popularCount: 1000 }); // prettier-ignore
  const publishStartMs = performance.now();
  await services.embeddingStore.publish(model.snapshot);
  const publishSeconds = (performance.now() - publishStartMs) / 1000;
  const clicks = await recordFreshClicks({ env: services.env, model, users: options.searchUsers, seed: options.seed + 3, now: new Date() }); // prettier-ignore
  process.stderr.write(`recorded ${clicks} fresh clicks of users 0..${options.searchUsers - 1}\n`);
  process.stderr.write(`published ${options.items} items in ${publishSeconds.toFixed(1)} s; starting the api and building the same index here for Recall@10...\n`); // prettier-ignore
  const shortlistEnv: Record<string, string> = options.shortlists
    ? {}
    : { RECOMMEND_SHORTLIST_SIZE: '0' };
  const apiEnv = { ...services.env, ...index.env, ...shortlistEnv };
  const [api, recall] = await Promise.all([
    (async () => {
      const started = await startApi({ env: apiEnv, cleanup, startTimeoutMs: options.startTimeoutSeconds * 1000 }); // prettier-ignore
      const servingMs = await started.waitUntilServing(model.snapshot.metadata.version, { timeoutMs: options.startTimeoutSeconds * 1000 }); // prettier-ignore
      const listedMs = options.shortlists ? await started.waitUntilShortlisted({ timeoutMs: options.startTimeoutSeconds * 1000 }) : servingMs; // prettier-ignore
      for (const line of started.process.logs.split('\n').filter((l) => /index|lists of/.test(l))) process.stderr.write(`api: ${line}\n`); // prettier-ignore
      return { started, readySeconds: (servingMs - publishStartMs) / 1000, shortlistSeconds: (listedMs - servingMs) / 1000 }; // prettier-ignore
    })(),
    measureAnnRecall(model.snapshot, { queries: options.recallQueries, k: 10, seed: options.seed + 1, ...index.recall }), // prettier-ignore
  ]);
  await expectSource(api.started, userIdOf(options.searchUsers), 'model');
  if (options.searchUsers > 0) await expectSource(api.started, userIdOf(0), 'realtime');
  if (options.compareMetrics) {
    const timeoutMs = options.startTimeoutSeconds * 1000;
    const off = await startApi({ env: { ...apiEnv, METRICS_ENABLED: 'false' }, cleanup, startTimeoutMs: timeoutMs }); // prettier-ignore
    await off.waitUntilServing(model.snapshot.metadata.version, { timeoutMs });
    if (options.shortlists) await off.waitUntilShortlisted({ timeoutMs });
    reportMetricsCost(options, await measureMetricsCost({ on: api.started, off }, options));
    return;
  }
  const loads = await measureLoads(api.started, options);
  report(options, { loads, recall, publishSeconds, apiReadySeconds: api.readySeconds, shortlistSeconds: api.shortlistSeconds }); // prettier-ignore
});

/** Warm-up, then `runs` rounds of recommend and health loads, interleaved so both see the same noise. */
async function measureLoads(api: RunningApi, options: ServingOptions) {
  const random = createSeededRandom(options.seed + 2);
  const load = (label: string, pathOf: () => string, seconds: number): LoadOptions => ({
    label,
    baseUrl: api.baseUrl,
    pathOf,
    apiKey: BENCH_API_KEY,
    connections: options.connections,
    durationSeconds: seconds,
  });
  // The list path: users without clicks since training; the search path: users 0..searchUsers-1.
  const listUsers = options.users - options.searchUsers;
  const recommendPath = () => `/recommend/${userIdOf(options.searchUsers + Math.floor(random() * listUsers))}`; // prettier-ignore
  const searchPath = () => `/recommend/${userIdOf(Math.floor(random() * options.searchUsers))}`;
  const healthPath = () => '/health/live';
  // Every user once, as on a storefront after the api started: each user's recent interactions are then
  // in the api's cache (a miss reads Redis), the state a long-running api serves from.
  let nextUser = 0;
  const everyUserPath = () => `/recommend/${userIdOf(nextUser++ % options.users)}`;
  await runLoad({ ...load('every user once', everyUserPath, 3600), requests: options.users });
  await runLoad(load('warm-up', recommendPath, options.warmupSeconds));
  const recommend: MeasuredLoad[] = [];
  const search: MeasuredLoad[] = [];
  const health: MeasuredLoad[] = [];
  for (let run = 1; run <= options.runs; run++) {
    process.stderr.write(`run ${run}/${options.runs}...\n`);
    recommend.push(await withApiCpu(api, load('recommend', recommendPath, options.seconds)));
    if (options.searchUsers > 0) search.push(await withApiCpu(api, load('search path', searchPath, options.seconds))); // prettier-ignore
    health.push(await withApiCpu(api, load('health/live', healthPath, options.seconds)));
  }
  return { recommend, search, health };
}

type MeasuredLoad = LoadResult & { apiCpuUsPerRequest: number | null };

/**
 * Runs a load and adds the api's CPU time per answered request: the cost of an answer independent of how
 * the two cores were shared with the load generator (which req/s and latency are not).
 */
async function withApiCpu(api: RunningApi, options: LoadOptions): Promise<MeasuredLoad> {
  const before = api.process.cpuSeconds();
  const result = await runLoad(options);
  const after = api.process.cpuSeconds();
  const apiCpuUsPerRequest =
    before === null || after === null || result.okRequests === 0
      ? null
      : round(((after - before) * 1e6) / result.okRequests, 1);
  return { ...result, apiCpuUsPerRequest };
}

/** Fails early, with the answer, unless the api answers `userId` from `source` (model or realtime). */
async function expectSource(api: RunningApi, userId: string, source: string): Promise<void> {
  const response = await fetch(`${api.baseUrl}/recommend/${userId}`, { headers: { 'x-api-key': BENCH_API_KEY } }); // prettier-ignore
  const body = (await response.json()) as { items?: { source: string }[] };
  if (response.status !== 200 || body.items?.[0]?.source !== source) {
    throw new Error(`GET /recommend/${userId} answered ${response.status} ${JSON.stringify(body)}, expected source ${source}`); // prettier-ignore
  }
}

function report(
  options: ServingOptions,
  measured: {
    loads: { recommend: MeasuredLoad[]; search: MeasuredLoad[]; health: MeasuredLoad[] };
    recall: { recallAtK: number; filteredRecallAtK: number; buildSeconds: number };
    publishSeconds: number;
    apiReadySeconds: number;
    shortlistSeconds: number;
  },
): void {
  const { recommend, search, health } = measured.loads;
  const all = [...recommend, ...search, ...health];
  const reqPerSec = median(recommend.map((r) => r.reqPerSec));
  const healthReqPerSec = median(health.map((r) => r.reqPerSec));
  reportBenchRun({
    bench: 'serving',
    title: `bench:serving ${options.items} items x ${options.dim} dims, ${options.users} users, ${options.connections} connections, ${options.runs} x ${options.seconds} s per endpoint, per-user lists ${options.shortlists ? 'on' : 'off'} (medians below)`, // prettier-ignore
    columns: [
      'endpoint',
      'run',
      'req/s',
      'p50 ms',
      'p99 ms',
      'api CPU µs/req',
      'errors',
      'non-2xx',
    ],
    rows: all.map((r, i) => [r.label, (i % options.runs) + 1, round(r.reqPerSec, 0), r.p50Ms, r.p99Ms, r.apiCpuUsPerRequest ?? '-', r.errors, r.non2xx]), // prettier-ignore
    summary: {
      items: options.items,
      users: options.users,
      dim: options.dim,
      connections: options.connections,
      reqPerSec: round(reqPerSec, 0),
      p50Ms: round(median(recommend.map((r) => r.p50Ms)), 3),
      p99Ms: round(median(recommend.map((r) => r.p99Ms)), 3),
      healthReqPerSec: round(healthReqPerSec, 0),
      healthP50Ms: round(median(health.map((r) => r.p50Ms)), 3),
      healthP99Ms: round(median(health.map((r) => r.p99Ms)), 3),
      // Per run, then the median: each recommend run is paired with the health run right after it, so a
      // slow stretch of the shared machine lowers both sides of one ratio instead of one side of the median.
      ratio: round(median(recommend.map((r, i) => r.reqPerSec / health[i].reqPerSec)), 3),
      apiCpuUsPerRequest: medianOrNull(recommend.map((r) => r.apiCpuUsPerRequest)),
      healthApiCpuUsPerRequest: medianOrNull(health.map((r) => r.apiCpuUsPerRequest)),
      ...searchPathSummary(search, { recommend, health }),
      annRecallAt10: round(measured.recall.recallAtK, 4),
      annFilteredRecallAt10: round(measured.recall.filteredRecallAtK, 4),
      errors: all.reduce((sum, r) => sum + r.errors, 0),
      non2xx: all.reduce((sum, r) => sum + r.non2xx, 0),
      publishSeconds: round(measured.publishSeconds, 2),
      apiReadySeconds: round(measured.apiReadySeconds, 2),
      shortlists: options.shortlists === 1,
      shortlistSeconds: round(measured.shortlistSeconds, 2),
      benchIndexBuildSeconds: round(measured.recall.buildSeconds, 2),
    },
    details: { options, recommend, search, health, recall: measured.recall },
  });
}

function medianOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : round(median(values as number[]), 1);
}

/**
 * The search path (users with clicks since training): req/s, latency and CPU as for the list path, its
 * ratio to the health check of the same run (as `ratio`), and to the list path of the same run (the issue's
 * goal: >= 0.5). Nulls when no user was given clicks (`--searchUsers 0`).
 */
function searchPathSummary(
  search: MeasuredLoad[],
  paired: { recommend: MeasuredLoad[]; health: MeasuredLoad[] },
): Record<string, number | null> {
  const perRun = (reference: MeasuredLoad[]) =>
    search.length === 0 ? null : round(median(search.map((r, i) => r.reqPerSec / reference[i].reqPerSec)), 3); // prettier-ignore
  const medianOf = (values: number[], digits: number) => (search.length === 0 ? null : round(median(values), digits)); // prettier-ignore
  return {
    searchPathReqPerSec: medianOf(
      search.map((r) => r.reqPerSec),
      0,
    ),
    searchPathP50Ms: medianOf(
      search.map((r) => r.p50Ms),
      3,
    ),
    searchPathP99Ms: medianOf(
      search.map((r) => r.p99Ms),
      3,
    ),
    searchPathApiCpuUsPerRequest: search.length === 0 ? null : medianOrNull(search.map((r) => r.apiCpuUsPerRequest)), // prettier-ignore
    searchPathRatio: perRun(paired.health),
    searchPathToListPath: perRun(paired.recommend),
  };
}
