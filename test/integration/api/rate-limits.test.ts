// The api's rate limits on the real Redis, through the production composition root (openApiInfrastructure):
// replicas share one count per key, a 429 says when to retry, and wrong keys are limited per address.
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { apiSettingsFrom, loadApiConfig } from '../../../apps/api/src/config';
import { openApiInfrastructure } from '../../../apps/api/src/infrastructure';
import {
  createTestDatabase,
  serviceUrls,
  uniqueName,
  type TestDatabase,
} from '../../support/services';
import { deleteKeysWithPrefix, keysWithPrefix, uniqueKeyPrefix } from '../redis/redis-test-keys';

jest.setTimeout(120_000);

const KEYS = { read: 'rate-limit-test-read-key', write: 'rate-limit-test-write-key' };

interface Replica {
  baseUrl: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

describe('api rate limits on Redis', () => {
  const keyPrefix = uniqueKeyPrefix('api_rate_limits');
  let database: TestDatabase;
  const replicas: Replica[] = [];

  async function startReplica(): Promise<Replica> {
    const { redisUrl, kafkaBrokers } = serviceUrls();
    const config = loadApiConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC: uniqueName('api_rate_limits'),
      API_READ_KEYS: KEYS.read,
      API_WRITE_KEYS: KEYS.write,
      // 10 requests per 10 s window per key: wide enough that a busy machine stays inside one window.
      RATE_LIMIT_PER_SECOND: '1',
      RATE_LIMIT_BURST: '10',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5',
    });
    const infrastructure = await openApiInfrastructure(config);
    const app = await createApiApp({
      ports: infrastructure.ports,
      settings: apiSettingsFrom(config, { keysRequired: true }),
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const replica = {
      baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
      app,
      close: async () => {
        await app.close();
        await infrastructure.close();
      },
    };
    replicas.push(replica);
    return replica;
  }

  const get = (replica: Replica, path: string, key?: string) =>
    fetch(`${replica.baseUrl}${path}`, { headers: key === undefined ? {} : { 'x-api-key': key } });

  beforeAll(async () => {
    Logger.overrideLogger(['warn', 'error']);
    database = await createTestDatabase('api_rate_limits');
  });

  afterAll(async () => {
    await Promise.allSettled(replicas.map((replica) => replica.close()));
    await deleteKeysWithPrefix(keyPrefix);
    await database.drop();
  });

  it('two replicas share one limit per key; the 429 carries Retry-After and the RateLimit headers', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await get(a, '/models', KEYS.read)).status);
      statuses.push((await get(b, '/models', KEYS.read)).status);
    }
    expect(statuses).toEqual(Array(10).fill(200));
    const limited = await get(a, '/models', KEYS.read);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(limited.headers.get('ratelimit-limit')).toBe('10');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED' });
    expect((await get(b, '/models', KEYS.read)).status).toBe(429);
    // Another key has its own count; health checks are never counted.
    expect((await get(b, '/models', KEYS.write)).status).toBe(200);
    expect((await get(a, '/health/live', KEYS.read)).status).toBe(200);
    // Redis holds a digest of the key, never the key itself.
    const keys = await keysWithPrefix(keyPrefix);
    expect(keys.filter((key) => key.includes('rate-limit:key:'))).toHaveLength(2);
    expect(keys.some((key) => key.includes(KEYS.read) || key.includes(KEYS.write))).toBe(false);
  });

  it('answers 429 to repeated wrong keys from one address, across replicas; a valid key still passes', async () => {
    const [a, b] = replicas.length >= 2 ? replicas : [await startReplica(), await startReplica()];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await get(i % 2 === 0 ? a : b, '/models', `wrong-key-${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const missing = await get(a, '/models');
    expect(missing.status).toBe(429);
    expect(Number(missing.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(missing.headers.get('ratelimit-limit')).toBe('5');
    expect((await get(b, '/models', KEYS.write)).status).toBe(200);
  });
});
