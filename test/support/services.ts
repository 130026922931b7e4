// Where the real services of the integration and e2e tests live, and helpers that keep concurrent suites
// apart: every suite gets its own database, Redis key prefix, Kafka topics and consumer groups.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Connection settings of the real services started by scripts/services/start.sh. */
export interface ServiceUrls {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
}

/** A database created for one test suite; call drop() in afterAll. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const DEFAULT_DATABASE_URL = 'postgres://recsys:recsys@127.0.0.1:5432/recsys';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
// PostgreSQL truncates identifiers longer than 63 bytes; keep the random suffix intact.
const MAX_IDENTIFIER_LENGTH = 63;

/** Reads DATABASE_URL, REDIS_URL and KAFKA_BROKERS (comma-separated), with the local defaults. */
export function serviceUrls(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  const brokers = env.KAFKA_BROKERS || DEFAULT_KAFKA_BROKERS;
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    kafkaBrokers: brokers
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0),
  };
}

/** Returns `prefix_<12 hex chars>`, lower case: a name no concurrent test run will also pick. */
export function uniqueName(prefix: string): string {
  const suffix = randomBytes(6).toString('hex');
  const cleanPrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 1);
  return `${cleanPrefix}_${suffix}`;
}

/** Creates a fresh, empty database named `<prefix>_<random>` on the test server. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const { databaseUrl } = serviceUrls();
  const name = uniqueName(prefix.replace(/^[^a-z]+/i, '') || 'test');
  await runAdminStatement(databaseUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => dropWithRetries(databaseUrl, name),
  };
}

// After heavy writes an autovacuum worker of the superuser may still be in the database, and FORCE may not
// terminate it as our role: retry for a while instead of failing the suite in afterAll.
async function dropWithRetries(databaseUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runAdminStatement(
        databaseUrl,
        `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`,
      );
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function runAdminStatement(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
