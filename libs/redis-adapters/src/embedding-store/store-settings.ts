import { DomainError } from '@recsys/domain';

/** The storage choices of a RedisEmbeddingStore, all defaulted. */
export interface StoreSettings {
  /** Prepended to every key and to the notification channel. */
  keyPrefix: string;
  /** Versions kept besides the current one after a publish. */
  keepVersions: number;
  /** Size of one stored binary chunk, a multiple of 4 (float32 and int32 values never straddle chunks). */
  chunkBytes: number;
  /** Chunks of a publish that never completes (a crashed trainer) expire after this long. */
  pendingChunkTtlMs: number;
}

const DEFAULT_SETTINGS: StoreSettings = {
  keyPrefix: 'recsys:',
  keepVersions: 5,
  chunkBytes: 8 * 1024 * 1024,
  pendingChunkTtlMs: 60 * 60 * 1000,
};

/** Fills in defaults and throws INVALID_OPTIONS for values the store cannot work with. */
export function resolveStoreSettings(options: Partial<StoreSettings>): StoreSettings {
  const settings: StoreSettings = {
    keyPrefix: options.keyPrefix ?? DEFAULT_SETTINGS.keyPrefix,
    keepVersions: options.keepVersions ?? DEFAULT_SETTINGS.keepVersions,
    chunkBytes: options.chunkBytes ?? DEFAULT_SETTINGS.chunkBytes,
    pendingChunkTtlMs: options.pendingChunkTtlMs ?? DEFAULT_SETTINGS.pendingChunkTtlMs,
  };
  const problems = [
    isPositiveInteger(settings.keepVersions) ? null : 'keepVersions must be a positive integer',
    isPositiveInteger(settings.chunkBytes) && settings.chunkBytes % 4 === 0
      ? null
      : 'chunkBytes must be a positive multiple of 4',
    isPositiveInteger(settings.pendingChunkTtlMs)
      ? null
      : 'pendingChunkTtlMs must be a positive integer',
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) {
    throw new DomainError('INVALID_OPTIONS', problems.join('; '), { problems });
  }
  return settings;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
