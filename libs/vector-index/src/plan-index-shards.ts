import { defaultListCount, defaultProbeCount, PROBE_ROW_BUDGET } from './build-ivf-index';
import { chooseIndexKind, type BuildVectorIndexOptions } from './build-vector-index';

/** One shard to build: rows start .. start+rows of the table, with the options for its own build. */
export interface IndexShardPlan {
  start: number;
  rows: number;
  options: BuildVectorIndexOptions;
}

/** Fewer rows per shard are not worth a thread of their own. */
export const MIN_SHARD_ROWS = 100_000;

/**
 * How to build the index of a table of `rows` rows as up to `shardCount` shards, one per thread (see
 * ShardedVectorIndex): only IVF is split (its queries cost the same split or not; an HNSW split in two
 * costs two searches). Each shard gets consecutive rows, its own lists (4·√rows of the shard) and probes
 * the same share of them as the whole index would, within its share of the row budget.
 */
export function planIndexShards(
  rows: number,
  options: BuildVectorIndexOptions,
  shardCount: number,
): IndexShardPlan[] {
  const splittable = chooseIndexKind(rows, options) === 'ivf';
  const count = splittable
    ? Math.max(1, Math.min(shardCount, Math.floor(rows / MIN_SHARD_ROWS)))
    : 1;
  if (count === 1) return [{ start: 0, rows, options }];
  const given = options.ivf ?? {};
  const wholeLists = given.listCount ?? defaultListCount(rows);
  return Array.from({ length: count }, (_, shard) => {
    const start = Math.floor((rows * shard) / count);
    const shardRows = Math.floor((rows * (shard + 1)) / count) - start;
    const listCount = given.listCount ? Math.max(1, Math.round((wholeLists * shardRows) / rows)) : defaultListCount(shardRows); // prettier-ignore
    const probeCount = given.probeCount
      ? Math.max(1, Math.round((given.probeCount * listCount) / wholeLists))
      : defaultProbeCount({ count: listCount, rows: shardRows }, PROBE_ROW_BUDGET / count);
    const seed = (options.seed ?? 1) + shard;
    const ivf = { ...given, listCount, probeCount };
    return { start, rows: shardRows, options: { ...options, algorithm: 'ivf', exactBelow: 0, seed, ivf } }; // prettier-ignore
  });
}
