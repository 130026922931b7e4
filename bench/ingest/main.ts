// bench:ingest — `npm run bench:ingest -- [--events 2000000] [--partitions 4] [--build 0]`: events/s from
// Kafka into the event log (PostgreSQL, with derived triplets and the Redis realtime store) through the real
// ingestor, sustained over at least `--minWindowSeconds`. The events are produced first (a backlog), so the
// ingestor's pace is measured, not the producer's.
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { parseBenchOptions } from '../serving/bench-options';
import { createIsolatedServices } from '../serving/isolated-services';
import { round } from '../serving/latency-stats';
import { reportBenchRun } from '../serving/report';
import { runBench } from '../serving/run-bench';
import { buildApps, startIngestor } from '../serving/running-apps';
import { produceBacklog } from './backlog';
import { sustainedRate, type CountSample } from './ingestion-rate';

const DEFAULTS = {
  events: 2_000_000,
  users: 100_000,
  items: 20_000,
  partitions: 4,
  seed: 5,
  warmUpSeconds: 5,
  minWindowSeconds: 60,
  timeoutSeconds: 900,
  build: 1,
};
type IngestOptions = typeof DEFAULTS;
const USAGE = `npm run bench:ingest -- ${Object.entries(DEFAULTS).map(([name, value]) => `[--${name} ${String(value)}]`).join(' ')}`; // prettier-ignore
const BAR_EVENTS_PER_SECOND = 20_000;

runBench(async (cleanup) => {
  const options = parseBenchOptions(process.argv.slice(2), DEFAULTS, USAGE);
  if (options.build) buildApps();
  const services = await createIsolatedServices('bench_ingest', cleanup);
  const env: Record<string, string> = {
    ...services.env,
    KAFKA_TOPIC_PARTITIONS: String(options.partitions),
  };
  const admin = services.kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: services.topic, numPartitions: options.partitions }],
  });
  await admin.disconnect();
  const producer = services.kafka.producer();
  await producer.connect();
  cleanup.defer('the Kafka producer', () => producer.disconnect());
  process.stderr.write(`producing ${options.events} events to ${services.topic}...\n`);
  const producedPerSecond = await produceBacklog({ producer, topic: services.topic, count: options.events, ...options }); // prettier-ignore
  const database = new Client({ connectionString: env.DATABASE_URL });
  await database.connect();
  cleanup.defer('the database client', () => database.end());
  process.stderr.write(`produced at ${Math.round(producedPerSecond)} events/s; starting the ingestor...\n`); // prettier-ignore
  await startIngestor({ env, cleanup, startTimeoutMs: 120_000 });
  const samples = await followEventLog(database, options);
  report(options, { samples, producedPerSecond });
});

/** Reads the event log's size every second until it holds every event (or the timeout). */
async function followEventLog(database: Client, options: IngestOptions): Promise<CountSample[]> {
  const samples: CountSample[] = [];
  const deadlineMs = performance.now() + options.timeoutSeconds * 1000;
  while (performance.now() < deadlineMs) {
    const count = await eventCount(database);
    samples.push({ atMs: performance.now(), count });
    if (count >= options.events) return samples;
    await sleep(1000);
  }
  throw new Error(`the event log holds ${samples.at(-1)?.count ?? 0} of ${options.events} events after ${options.timeoutSeconds} s`); // prettier-ignore
}

async function eventCount(database: Client): Promise<number> {
  try {
    const result = await database.query<{ count: string }>('SELECT count(*) AS count FROM interaction_events'); // prettier-ignore
    return Number(result.rows[0].count);
  } catch {
    return 0; // the ingestor has not created the schema yet
  }
}

function report(
  options: IngestOptions,
  measured: { samples: CountSample[]; producedPerSecond: number },
): void {
  const rate = sustainedRate(measured.samples, { total: options.events, warmUpSeconds: options.warmUpSeconds, stepSeconds: 10 }); // prettier-ignore
  if (!rate) throw new Error('too few samples to measure a rate');
  const first = measured.samples.find((s) => s.count > 0)!;
  const totalSeconds = (measured.samples.at(-1)!.atMs - first.atMs) / 1000;
  const longEnough = rate.windowSeconds >= options.minWindowSeconds;
  reportBenchRun({
    bench: 'ingest',
    title: `bench:ingest ${options.events} events backlog, ${options.partitions} partitions, Kafka -> ingestor -> PostgreSQL + Redis (rate after ${options.warmUpSeconds} s warm-up until drained)`, // prettier-ignore
    columns: ['events', 'events/s', 'window s', 'slowest 10 s', 'all events s', 'produce events/s'],
    rows: [[options.events, round(rate.eventsPerSecond, 0), round(rate.windowSeconds, 1), round(rate.slowestStepEventsPerSecond, 0), round(totalSeconds, 1), round(measured.producedPerSecond, 0)]], // prettier-ignore
    summary: {
      events: options.events,
      eventsPerSecond: round(rate.eventsPerSecond, 0),
      windowSeconds: round(rate.windowSeconds, 1),
      slowest10sEventsPerSecond: round(rate.slowestStepEventsPerSecond, 0),
      pass: longEnough && rate.eventsPerSecond >= BAR_EVENTS_PER_SECOND,
      ...(longEnough ? {} : { note: `window under ${options.minWindowSeconds} s: raise --events` }),
    },
    details: { options, samples: measured.samples },
  });
}
