import type { ClassifiedEvent } from '@recsys/domain';
import { RedisRealtimeStore } from '@recsys/redis-adapters';
import { createSeededRandom } from '@recsys/synthetic-data';
import { clusterMembers } from './synthetic-interactions';
import { itemIdOf, userIdOf, type SyntheticModel } from './synthetic-model';

const EVENTS_PER_RECORD = 2000;

/**
 * Gives users 0..users-1 one to three clicks since training on items of their own taste cluster (as a
 * shopper browsing), written to the realtime store the api reads: those users' query vectors are blended
 * (`source: realtime`), the search path of `GET /recommend/:userId`. Returns the number of clicks.
 */
export async function recordFreshClicks(options: {
  env: Record<string, string>;
  model: SyntheticModel;
  users: number;
  seed: number;
  now: Date;
}): Promise<number> {
  const { model, users, now } = options;
  const random = createSeededRandom(options.seed);
  const clusters = Math.max(...model.itemClusters) + 1;
  const members = clusterMembers(model.itemClusters, clusters);
  const events: ClassifiedEvent[] = [];
  for (let user = 0; user < users; user++) {
    const cluster = model.userClusters[user];
    const [start, end] = [members.offsets[cluster], members.offsets[cluster + 1]];
    const clicks = end > start ? 1 + Math.floor(random() * 3) : 0;
    for (let c = 0; c < clicks; c++) {
      const item = members.rows[start + Math.floor(random() * (end - start))];
      const timestamp = new Date(now.getTime() + c).toISOString();
      const event = { eventId: `bench-click-${user}-${c}`, userId: userIdOf(user), itemId: itemIdOf(item), type: 'click' as const, timestamp }; // prettier-ignore
      events.push({ event, polarity: 1, weight: 1 });
    }
  }
  const store = new RedisRealtimeStore({ url: options.env.REDIS_URL, keyPrefix: options.env.REDIS_KEY_PREFIX }); // prettier-ignore
  try {
    for (let i = 0; i < events.length; i += EVENTS_PER_RECORD) {
      await store.record(events.slice(i, i + EVENTS_PER_RECORD));
    }
  } finally {
    await store.close();
  }
  return events.length;
}
