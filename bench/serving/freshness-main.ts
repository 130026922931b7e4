// bench:freshness — `npm run bench:freshness -- [--samples 50] [--items 2000] [--pollIntervalMs 5]
// [--build 0]`: time from producing a click to Kafka until GET /recommend/:userId changes for that user,
// through the real ingestor (Kafka -> event log + realtime store in Redis) and api.
import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';
import { parseBenchOptions } from './bench-options';
import { measureFreshness, type FreshnessProbe } from './freshness-probe';
import { createIsolatedServices } from './isolated-services';
import { median, percentile, round } from './latency-stats';
import { reportBenchRun } from './report';
import { runBench } from './run-bench';
import { buildApps, startApi, startIngestor } from './running-apps';
import { clusterMembers } from './synthetic-interactions';
import { itemIdOf, syntheticModel, userIdOf, type SyntheticModel } from './synthetic-model';

const DEFAULTS = {
  samples: 50,
  items: 2000,
  users: 1000,
  dim: 64,
  clusters: 20,
  seed: 13,
  pollIntervalMs: 5,
  sampleTimeoutMs: 10_000,
  startTimeoutSeconds: 120,
  build: 1,
};
type FreshnessOptions = typeof DEFAULTS;
const USAGE = `npm run bench:freshness -- ${Object.entries(DEFAULTS).map(([name, value]) => `[--${name} ${String(value)}]`).join(' ')}`; // prettier-ignore

runBench(async (cleanup) => {
  const options = parseBenchOptions(process.argv.slice(2), DEFAULTS, USAGE);
  if (options.samples < 1 || options.samples >= options.users) throw new Error('need 1 <= --samples < --users'); // prettier-ignore
  if (options.build) buildApps();
  const services = await createIsolatedServices('bench_freshness', cleanup);
  const model = syntheticModel({ ...options, version: `synthetic-${options.items}`, spread: 1, seenPerUser: 5, popularCount: 100 }); // prettier-ignore
  await services.embeddingStore.publish(model.snapshot);
  const startTimeoutMs = options.startTimeoutSeconds * 1000;
  const [api] = await Promise.all([
    startApi({ env: services.env, cleanup, startTimeoutMs }),
    startIngestor({ env: services.env, cleanup, startTimeoutMs }),
  ]);
  await api.waitUntilServing(model.snapshot.metadata.version, { timeoutMs: startTimeoutMs });
  const producer = services.kafka.producer();
  await producer.connect();
  cleanup.defer('the Kafka producer', () => producer.disconnect());
  const probe: FreshnessProbe = { baseUrl: api.baseUrl, producer, topic: services.topic, pollIntervalMs: options.pollIntervalMs, timeoutMs: options.sampleTimeoutMs }; // prettier-ignore
  const clicks = plannedClicks(model, options);
  // The first click also waits for the consumer group's first assignment: a warm-up, not a sample.
  const warmUp = await measureFreshness({ ...probe, timeoutMs: 60_000 }, clicks[0]);
  if (warmUp === null) throw new Error('the warm-up click never changed a recommendation (60 s)');
  const latenciesMs: number[] = [];
  let timeouts = 0;
  for (const click of clicks.slice(1)) {
    const latencyMs = await measureFreshness(probe, click);
    if (latencyMs === null) timeouts++;
    else latenciesMs.push(latencyMs);
  }
  report(options, { latenciesMs, timeouts, warmUpMs: warmUp });
});

/** One click per sample (plus a warm-up), each for a different user on an item of the user's cluster. */
function plannedClicks(model: SyntheticModel, options: FreshnessOptions) {
  const random = createSeededRandom(options.seed + 1);
  const members = clusterMembers(model.itemClusters, options.clusters);
  const users = shuffled(options.users, random).slice(0, options.samples + 1);
  return users.map((user) => {
    const cluster = model.userClusters[user];
    const start = members.offsets[cluster];
    const size = members.offsets[cluster + 1] - start;
    const item = size > 0 ? members.rows[start + Math.floor(random() * size)] : Math.floor(random() * options.items); // prettier-ignore
    return { userId: userIdOf(user), itemId: itemIdOf(item) };
  });
}

function shuffled(count: number, random: RandomSource): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function report(
  options: FreshnessOptions,
  measured: { latenciesMs: number[]; timeouts: number; warmUpMs: number },
): void {
  // prettier-ignore
  const { latenciesMs } = measured;
  const figures = {
    p50Ms: round(percentile(latenciesMs, 0.5), 1),
    p90Ms: round(percentile(latenciesMs, 0.9), 1),
    p99Ms: round(percentile(latenciesMs, 0.99), 1),
    maxMs: round(percentile(latenciesMs, 1), 1),
    meanMs: round(latenciesMs.reduce((sum, ms) => sum + ms, 0) / latenciesMs.length, 1),
  };
  reportBenchRun({
    bench: 'freshness',
    title: `bench:freshness click produced to Kafka (acks=all) -> changed GET /recommend answer; ${options.items} items x ${options.dim} dims, polled every ${options.pollIntervalMs} ms`, // prettier-ignore
    columns: ['samples', 'timeouts', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'median ms'],
    rows: [[latenciesMs.length, measured.timeouts, figures.p50Ms, figures.p90Ms, figures.p99Ms, figures.maxMs, round(median(latenciesMs), 1)]], // prettier-ignore
    summary: { samples: latenciesMs.length, timeouts: measured.timeouts, ...figures, warmUpMs: round(measured.warmUpMs, 1), items: options.items }, // prettier-ignore
    details: { options, latenciesMs },
  });
}
