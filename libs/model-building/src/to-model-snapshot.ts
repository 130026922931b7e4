import type { ModelSnapshot } from '@recsys/domain';
import { buildUserItemSets } from '@recsys/ranking-metrics';
import { rankPopularItems } from './rank-popular-items';
import type { TrainedModel } from './train-model';

/** Packs a trained model into the version the trainer publishes and the api serves. */
export function toModelSnapshot(
  model: TrainedModel,
  options: { version: string; createdAt: string; jobId?: string; popularLimit: number },
): ModelSnapshot {
  const { indexed, embeddings, trainOptions, metrics } = model;
  const seen = buildUserItemSets({ userCount: indexed.data.userCount, ...indexed.seen });
  return {
    metadata: {
      version: options.version,
      createdAt: options.createdAt,
      dim: embeddings.dim,
      metric: embeddings.metric,
      itemCount: indexed.itemIds.length,
      userCount: indexed.userIds.length,
      metrics,
      trainingParams: { ...trainOptions },
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(model.rejected === null ? {} : { rejected: model.rejected }),
    },
    itemIds: indexed.itemIds,
    itemVectors: embeddings.itemVectors,
    userIds: indexed.userIds,
    userVectors: embeddings.userVectors,
    seenItems: { offsets: seen.offsets, items: seen.items },
    popularItems: rankPopularItems(indexed.data.positives, {
      itemCount: indexed.itemIds.length,
      limit: options.popularLimit,
    }),
  };
}
