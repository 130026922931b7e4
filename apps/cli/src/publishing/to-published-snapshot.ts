import type { ModelSnapshot } from '@recsys/domain';
import type { ModelExport } from '../io/model-export';
import type { TrainingInteractions } from '../training/training-interactions';

/** A sortable, unique version name in the trainer's shape: UTC time of creation plus 8 hex digits. */
export function offlineVersionName(createdAt: Date, suffix: string): string {
  const stamp = createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${suffix}`;
}

/**
 * Packs an exported model into the version the api serves (what the trainer's `toModelSnapshot`
 * builds): ids, vectors, seen items, the `popularLimit` most liked items; metrics are the numbers the
 * export measured (validation metrics, training seconds, epochs).
 */
export function toPublishedSnapshot(
  exported: ModelExport,
  interactions: TrainingInteractions,
  options: { version: string; createdAt: Date; popularLimit: number },
): ModelSnapshot {
  const { metadata, model } = exported;
  const validation = metadata.validation as { metrics?: Record<string, number> } | null | undefined;
  const epochs = Array.isArray(metadata.epochs) ? metadata.epochs.length : undefined;
  const numbers: Record<string, unknown> = {
    ...(validation?.metrics ?? {}),
    trainSeconds: metadata.trainSeconds,
    epochs,
  };
  const metrics = Object.fromEntries(
    Object.entries(numbers).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
  return {
    metadata: {
      version: options.version,
      createdAt: options.createdAt.toISOString(),
      dim: model.dim,
      metric: model.metric,
      itemCount: exported.itemIds.length,
      userCount: exported.userIds.length,
      metrics,
      trainingParams: {
        ...((metadata.trainingParams as Record<string, unknown> | undefined) ?? {}),
        publishedBy: 'recsys publish',
        input: metadata.input,
      },
    },
    itemIds: exported.itemIds,
    itemVectors: model.itemVectors,
    userIds: exported.userIds,
    userVectors: model.userVectors,
    seenItems: { offsets: interactions.seen.offsets, items: interactions.seen.items },
    popularItems: interactions.popularItems.slice(0, options.popularLimit),
  };
}
