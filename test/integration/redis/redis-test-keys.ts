// Key-prefix isolation for Redis tests that share one server with other suites running at the same time.
import Redis from 'ioredis';
import { serviceUrls, uniqueName } from '../../support/services';

/** A key prefix no concurrent test picks, ending in ':' (`<name>_<random hex>:`). */
export function uniqueKeyPrefix(name: string): string {
  return `${uniqueName(name)}:`;
}

/** Every key under `prefix` (the prefix holds no glob characters: uniqueKeyPrefix makes sure). */
export async function keysWithPrefix(prefix: string): Promise<string[]> {
  const redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = nextCursor;
    } while (cursor !== '0');
    return keys;
  } finally {
    await redis.quit();
  }
}

/** Deletes every key under `prefix`; call it when a test is done with its prefix. */
export async function deleteKeysWithPrefix(prefix: string): Promise<void> {
  const keys = await keysWithPrefix(prefix);
  if (keys.length === 0) return;
  const redis = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: 2 });
  try {
    await redis.unlink(...keys);
  } finally {
    await redis.quit();
  }
}
