// bench:chaos — `npm run bench:chaos -- [--streamSeconds 120] [--settleSeconds 90] ...`: streams events
// over HTTP and Kafka into a real api and ingestor while it SIGKILLs them and restarts the broker,
// PostgreSQL and Redis (its OWN instances on free ports: the shared services are never touched), and
// slips in three valid-looking poison events (--poison 0 leaves them out), then audits the event log. Last line: JSON { sent, acknowledged, stored, lost, duplicated, deadLettered,
// stalledPartitions, http5xx }. Required: lost = 0, duplicated = 0, stalledPartitions = 0.
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import type { AppProcess } from '../serving/app-process';
import { parseBenchOptions } from '../serving/bench-options';
import { freePort } from '../serving/free-port';
import { reportBenchRun } from '../serving/report';
import { runBench } from '../serving/run-bench';
import { buildApps } from '../serving/running-apps';
import { CHAOS_PLAN, type ChaosAction } from './chaos-schedule';
import { auditDelivery, type DeliveryAudit, type StoredRow } from './delivery-audit';
import { streamOverHttp, streamOverKafka, type StreamTally } from './event-streams';
import { laggingPartitions, partitionLags } from './partition-lag';
import { producePoisonEvents } from './poison-events';
import { startPrivateServices, type PrivateServices } from './private-services';
import { SupervisedApp } from './supervised-app';

const DEFAULTS = {
  streamSeconds: 120,
  settleSeconds: 90,
  partitions: 3,
  batchSize: 20,
  intervalMs: 50,
  /** 1: produce the valid-looking poison events of poison-events.ts halfway through the stream. */
  poison: 1,
  build: 1,
};
type ChaosOptions = typeof DEFAULTS;
const USAGE = `npm run bench:chaos -- ${Object.entries(DEFAULTS).map(([name, value]) => `[--${name} ${String(value)}]`).join(' ')}`; // prettier-ignore
const API_KEY = 'bench-chaos-key';
const TOPIC = 'chaos_interactions';
const GROUP_ID = 'chaos_ingestor';

runBench(async (cleanup) => {
  const options = parseBenchOptions(process.argv.slice(2), DEFAULTS, USAGE);
  if (options.build) buildApps();
  process.stderr.write('starting private PostgreSQL, Redis and Kafka (scripts/services)...\n');
  const services = await startPrivateServices();
  cleanup.defer('the private services', () => services.stop());
  const kafka = new Kafka({ clientId: 'bench-chaos', brokers: [services.kafkaBrokers], logLevel: logLevel.NOTHING }); // prettier-ignore
  const admin = kafka.admin();
  await admin.connect();
  cleanup.defer('the Kafka admin', () => admin.disconnect());
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: options.partitions }] });

  const apiPort = await freePort();
  const env = appEnv(services, options);
  const adopt = (app: AppProcess) => cleanup.adopt(app.child);
  const apps = {
    api: new SupervisedApp('api', { ...env, HOST: '127.0.0.1', PORT: String(apiPort), API_READ_KEYS: API_KEY, API_WRITE_KEYS: API_KEY, RATE_LIMIT_PER_SECOND: '100000000', RATE_LIMIT_BURST: '100000000' }, adopt), // prettier-ignore
    ingestor: new SupervisedApp('ingestor', env, adopt),
  };
  cleanup.defer('the apps', async () => void (await Promise.all([apps.api.stop(), apps.ingestor.stop()]))); // prettier-ignore
  await apps.api.process.waitForLog(/listening on/, 120_000);
  await apps.ingestor.process.waitForLog(/consuming interaction events/, 120_000);

  const producer = kafka.producer({ retry: { retries: 3 } });
  await producer.connect();
  cleanup.defer('the Kafka producer', () => producer.disconnect());
  const startedMs = performance.now();
  const streamMs = options.streamSeconds * 1000;
  const until = () => performance.now() - startedMs >= streamMs;
  process.stderr.write(`streaming for ${options.streamSeconds} s with chaos...\n`);
  const [http, overKafka, log] = await Promise.all([
    streamOverHttp({ baseUrl: () => `http://127.0.0.1:${apiPort}`, apiKey: API_KEY, ...options, until }), // prettier-ignore
    streamOverKafka({ producer, topic: TOPIC, ...options, until }),
    runChaos({ services, apps, startedMs, streamMs }),
    options.poison ? sleep(streamMs / 2).then(() => producePoisonEvents({ producer, topic: TOPIC, ...options, until })) : 0, // prettier-ignore
  ]);
  process.stderr.write(`settling for up to ${options.settleSeconds} s...\n`);
  const acknowledged = [...http.acknowledged, ...overKafka.acknowledged];
  const database = new Client({ connectionString: env.DATABASE_URL });
  await database.connect();
  cleanup.defer('the database client', () => database.end());
  const settled = await settle({ database, admin, acknowledged, settleMs: options.settleSeconds * 1000 }); // prettier-ignore
  report({ options, http, overKafka, log, apps, ...settled, deadLettered: await deadLetterCount(admin) }); // prettier-ignore
});

function appEnv(services: PrivateServices, options: ChaosOptions): Record<string, string> {
  return {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    KAFKA_BROKERS: services.kafkaBrokers,
    KAFKA_TOPIC: TOPIC,
    KAFKA_DEAD_LETTER_TOPIC: `${TOPIC}.dead-letter`,
    KAFKA_GROUP_ID: GROUP_ID,
    KAFKA_TOPIC_PARTITIONS: String(options.partitions),
  };
}

/** Runs CHAOS_PLAN against the clock; returns what was done when (seconds since the start). */
async function runChaos(context: {
  services: PrivateServices;
  apps: { api: SupervisedApp; ingestor: SupervisedApp };
  startedMs: number;
  streamMs: number;
}): Promise<string[]> {
  const log: string[] = [];
  for (const { atShare, action } of CHAOS_PLAN) {
    const waitMs = context.startedMs + atShare * context.streamMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    const actionStartMs = performance.now();
    const at = ((actionStartMs - context.startedMs) / 1000).toFixed(1);
    const took = () => `(${((performance.now() - actionStartMs) / 1000).toFixed(1)} s)`;
    await act(action, context).then(
      () => log.push(`${at}s ${action} ${took()}`),
      (error: Error) => log.push(`${at}s ${action} FAILED ${took()}: ${error.message}`),
    );
    process.stderr.write(`${log.at(-1)}\n`);
  }
  return log;
}

function act(
  action: ChaosAction,
  { services, apps }: { services: PrivateServices; apps: { api: SupervisedApp; ingestor: SupervisedApp } }, // prettier-ignore
): Promise<void> {
  if (action === 'kill-api') return Promise.resolve(apps.api.kill());
  if (action === 'kill-ingestor') return Promise.resolve(apps.ingestor.kill());
  if (action === 'restart-kafka') return services.restart('kafka');
  if (action === 'restart-postgres') return services.restart('postgres');
  return services.restart('redis');
}

/** Waits until every acknowledged event is stored and no partition lags, or the settle time is over. */
async function settle(options: {
  database: Client;
  admin: Admin;
  acknowledged: StreamTally['acknowledged'];
  settleMs: number;
}): Promise<{ audit: DeliveryAudit; stalled: number[]; settleSeconds: number }> {
  const startedMs = performance.now();
  const ids = options.acknowledged.map((e) => e.eventId);
  for (;;) {
    const rows = await storedRows(options.database, ids).catch(() => [] as StoredRow[]);
    const audit = auditDelivery(options.acknowledged, rows);
    const lags = await partitionLags(options.admin, { topic: TOPIC, groupId: GROUP_ID }).catch(() => null); // prettier-ignore
    const stalled = lags ? laggingPartitions(lags).map((lag) => lag.partition) : [-1];
    const elapsedMs = performance.now() - startedMs;
    if ((audit.lost === 0 && stalled.length === 0) || elapsedMs > options.settleMs) {
      return { audit, stalled, settleSeconds: Math.round(elapsedMs / 1000) };
    }
    await sleep(1000);
  }
}

async function storedRows(database: Client, ids: string[]): Promise<StoredRow[]> {
  const result = await database.query<StoredRow>(
    `SELECT event_id AS "eventId", user_id AS "userId", item_id AS "itemId", type
       FROM interaction_events WHERE event_id = ANY($1)`,
    [ids],
  );
  return result.rows;
}

async function deadLetterCount(admin: Admin): Promise<number> {
  const topic = `${TOPIC}.dead-letter`;
  if (!(await admin.listTopics()).includes(topic)) return 0;
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
}

function report(run: {
  options: ChaosOptions;
  http: StreamTally;
  overKafka: StreamTally;
  log: string[];
  apps: { api: SupervisedApp; ingestor: SupervisedApp };
  audit: DeliveryAudit;
  stalled: number[];
  settleSeconds: number;
  deadLettered: number;
}): void {
  const { http, overKafka, audit } = run;
  const http5xx = [...http.http5xx.values()].reduce((sum, n) => sum + n, 0);
  const summary = {
    sent: http.sent.length + overKafka.sent.length,
    acknowledged: audit.acknowledged,
    stored: audit.stored,
    lost: audit.lost,
    duplicated: audit.duplicated,
    deadLettered: run.deadLettered,
    stalledPartitions: run.stalled.length,
    http5xx,
  };
  reportBenchRun({
    bench: 'chaos',
    title: `chaos: ${run.options.streamSeconds} s of events over HTTP and Kafka through ${run.log.length} kills and restarts (settled in ${run.settleSeconds} s)`, // prettier-ignore
    columns: ['stream', 'sent', 'acked', 'unanswered', '5xx'],
    rows: [
      ['http', http.sent.length, http.acknowledged.length, http.unanswered, http5xx],
      ['kafka', overKafka.sent.length, overKafka.acknowledged.length, overKafka.unanswered, 0],
    ],
    summary: { ...summary, ok: audit.lost === 0 && audit.duplicated === 0 && run.stalled.length === 0 }, // prettier-ignore
    details: {
      options: run.options,
      chaos: run.log,
      http5xxByStatus: Object.fromEntries(http.http5xx),
      http5xxExamples: http.http5xxExamples,
      lostExamples: audit.lostExamples,
      duplicatedExamples: audit.duplicatedExamples,
      stalledPartitions: run.stalled,
      starts: { api: run.apps.api.starts, ingestor: run.apps.ingestor.starts },
      crashes: { api: run.apps.api.crashes, ingestor: run.apps.ingestor.crashes },
    },
  });
}
