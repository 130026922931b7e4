import { Logger } from '@nestjs/common';
import type { ClassifiedEvent, RealtimeStore } from '@recsys/domain';
import { InMemoryRealtimeStore } from '@recsys/embedded-adapters';
import type { ApiSettings } from '../api-settings';
import { RecentInteractionsCache } from './recent-interactions-cache.service';

function click(userId: string, itemId: string, minute: number): ClassifiedEvent {
  const timestamp = new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
  const event = { eventId: `${userId}-${itemId}-${minute}`, userId, itemId, type: 'click' as const, timestamp }; // prettier-ignore
  return { event, polarity: 1, weight: 1 };
}

function settings(overrides: Partial<ApiSettings> = {}): ApiSettings {
  return {
    recentInteractionsPerRequest: 20,
    recentCache: { maxUsers: 1_000, ttlMs: 30_000 },
    ...overrides,
  } as ApiSettings;
}

async function started(store: RealtimeStore, overrides: Partial<ApiSettings> = {}) {
  const cache = new RecentInteractionsCache(store, settings(overrides));
  await cache.onApplicationBootstrap();
  return cache;
}

const itemIdsOf = async (answer: ReturnType<RecentInteractionsCache['read']>) =>
  (await answer).map((entry) => entry.itemId);

describe('RecentInteractionsCache (api service)', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('answers a kept user without a promise, and reads again once the store announces a change', async () => {
    const store = new InMemoryRealtimeStore();
    const cache = await started(store);
    await store.record([click('u1', 'a', 0)]);
    expect(cache.kept('u1')).toBeUndefined();
    expect(await itemIdsOf(cache.read('u1'))).toEqual(['a']);
    const hit = cache.kept('u1');
    expect(hit?.map((entry) => entry.itemId)).toEqual(['a']);
    expect(await cache.read('u1')).toBe(hit);
    await store.record([click('u1', 'b', 1)]);
    expect(cache.kept('u1')).toBeUndefined();
    expect(await itemIdsOf(cache.read('u1'))).toEqual(['b', 'a']);
    await cache.onModuleDestroy();
  });

  it('serves without recent interactions while the store fails, keeps nothing, and warns once per 10 s', async () => {
    const reads: string[] = [];
    const failing = new InMemoryRealtimeStore();
    failing.recentInteractions = (userId) => {
      reads.push(userId);
      return Promise.reject(new Error('redis away'));
    };
    const cache = await started(failing);
    expect(await cache.read('u1')).toEqual([]);
    expect(await cache.read('u1')).toEqual([]);
    expect(reads).toEqual(['u1', 'u1']);
    expect(cache.keptUsers).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('redis away');
  });

  it('reads through, keeping nothing, when RECENT_CACHE_USERS is 0', async () => {
    const store = new InMemoryRealtimeStore();
    const cache = await started(store, { recentCache: { maxUsers: 0, ttlMs: 30_000 } });
    await store.record([click('u1', 'a', 0)]);
    expect(await itemIdsOf(cache.read('u1'))).toEqual(['a']);
    expect(cache.kept('u1')).toBeUndefined();
    expect(cache.keptUsers).toBe(0);
  });

  it('reads nothing when no recent interactions are wanted per request', async () => {
    const store = new InMemoryRealtimeStore();
    store.recentInteractions = () => Promise.reject(new Error('must not be read'));
    const cache = await started(store, { recentInteractionsPerRequest: 0 });
    expect(cache.kept('u1')).toEqual([]);
    expect(await cache.read('u1')).toEqual([]);
  });
});
