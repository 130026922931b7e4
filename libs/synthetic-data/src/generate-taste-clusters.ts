import type { InteractionEventV1, InteractionType } from '@recsys/interaction-events';
import { createSeededRandom, type RandomSource } from './seeded-random';

export interface TasteClusterOptions {
  seed: number;
  clusterCount: number;
  itemsPerCluster: number;
  usersPerCluster: number;
  /** Positive interactions per user, inside the user's cluster. */
  positivesPerUser: number;
  /** Share of positives that land outside the user's cluster (noise). */
  noiseRate: number;
  /** Impressions per user: one chosen item of the cluster among `shownPerImpression` items. */
  impressionsPerUser: number;
  shownPerImpression: number;
  dislikesPerUser: number;
  /** Time of the first event; events are 1 s apart. */
  start: Date;
  eventIdPrefix: string;
}

export interface TasteClusterData {
  clusterNames: string[];
  items: { itemId: string; cluster: number }[];
  users: { userId: string; cluster: number }[];
  events: InteractionEventV1[];
}

const CLUSTER_NAMES = ['outdoor', 'kitchen', 'books', 'games', 'garden', 'music', 'sports', 'toys'];
const POSITIVE_TYPES: InteractionType[] = ['click', 'click', 'add_to_cart', 'purchase', 'like'];

/**
 * A seeded catalogue and event history with planted taste: each user likes the items of one cluster, skips
 * and dislikes items of other clusters. A model that learns it recommends items of the user's cluster.
 */
export function generateTasteClusters(options: TasteClusterOptions): TasteClusterData {
  const random = createSeededRandom(options.seed);
  const clusterNames = Array.from({ length: options.clusterCount }, (_, c) =>
    c < CLUSTER_NAMES.length ? CLUSTER_NAMES[c] : `cluster${c}`,
  );
  const items = clusterNames.flatMap((name, cluster) =>
    Array.from({ length: options.itemsPerCluster }, (_, n) => ({
      itemId: `${name}-${String(n + 1).padStart(3, '0')}`,
      cluster,
    })),
  );
  const users = Array.from({ length: options.clusterCount * options.usersPerCluster }, (_, n) => ({
    userId: `user-${n + 1}`,
    cluster: n % options.clusterCount,
  }));
  const events: InteractionEventV1[] = [];
  const emit = (partial: Omit<InteractionEventV1, 'eventId' | 'timestamp'>) =>
    events.push({
      eventId: `${options.eventIdPrefix}${events.length + 1}`,
      timestamp: new Date(options.start.getTime() + events.length * 1000).toISOString(),
      ...partial,
    });
  const pick = (cluster: number, inside: boolean) =>
    pickItem(items, options, random, cluster, inside);
  for (const user of users) {
    for (let i = 0; i < options.positivesPerUser; i++) {
      const itemId = pick(user.cluster, random() >= options.noiseRate);
      emit({
        userId: user.userId,
        itemId,
        type: POSITIVE_TYPES[Math.floor(random() * POSITIVE_TYPES.length)],
      });
    }
    for (let i = 0; i < options.impressionsPerUser; i++) {
      const chosen = pick(user.cluster, true);
      const others = Array.from({ length: options.shownPerImpression - 1 }, () =>
        pick(user.cluster, false),
      );
      const shownItemIds = [...new Set([chosen, ...others])];
      emit({ userId: user.userId, itemId: chosen, type: 'impression', shownItemIds });
    }
    for (let i = 0; i < options.dislikesPerUser; i++) {
      emit({ userId: user.userId, itemId: pick(user.cluster, false), type: 'dislike' });
    }
  }
  return { clusterNames, items, users, events };
}

function pickItem(
  items: TasteClusterData['items'],
  options: TasteClusterOptions,
  random: RandomSource,
  cluster: number,
  inside: boolean,
): string {
  let target = cluster;
  if (!inside && options.clusterCount > 1) {
    target =
      (cluster + 1 + Math.floor(random() * (options.clusterCount - 1))) % options.clusterCount;
  }
  return items[target * options.itemsPerCluster + Math.floor(random() * options.itemsPerCluster)]
    .itemId;
}
