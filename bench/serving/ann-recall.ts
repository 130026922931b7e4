import type { ModelSnapshot } from '@recsys/domain';
import { createSeededRandom } from '@recsys/synthetic-data';
import { buildVectorIndex, ExactVectorIndex, type VectorIndex } from '@recsys/vector-index';

export interface AnnRecallOptions {
  /** Users whose vectors are the queries. */
  queries: number;
  k: number;
  seed: number;
  /** The api's index settings (INDEX_EXACT_BELOW, INDEX_ALGORITHM); undefined keeps the api default. */
  exactBelow?: number;
  algorithm?: 'hnsw' | 'ivf';
}

/** Recall@k of the serving index against exact search, plain and with each user's seen items excluded. */
export interface AnnRecall {
  recallAtK: number;
  filteredRecallAtK: number;
  buildSeconds: number;
}

/** Builds the index the api builds for `snapshot` and measures it against exact search on random users. */
export async function measureAnnRecall(
  snapshot: ModelSnapshot,
  options: AnnRecallOptions,
): Promise<AnnRecall> {
  // prettier-ignore
  const { dim, metric } = snapshot.metadata;
  const startMs = performance.now();
  const index = await buildVectorIndex(snapshot.itemVectors, dim, metric, {
    exactBelow: options.exactBelow,
    algorithm: options.algorithm,
  });
  const buildSeconds = (performance.now() - startMs) / 1000;
  const exact = new ExactVectorIndex(snapshot.itemVectors, dim, metric);
  const random = createSeededRandom(options.seed);
  const users = Array.from({ length: options.queries }, () => Math.floor(random() * snapshot.userIds.length)); // prettier-ignore
  let found = 0;
  let foundFiltered = 0;
  let wanted = 0;
  let wantedFiltered = 0;
  for (const user of users) {
    const query = snapshot.userVectors.subarray(user * dim, (user + 1) * dim);
    const seen = seenSet(snapshot, user);
    const exclude = (item: number) => seen.has(item);
    const plain = overlap(index, exact, { query, k: options.k });
    const filtered = overlap(index, exact, { query, k: options.k, exclude });
    found += plain.found;
    wanted += plain.wanted;
    foundFiltered += filtered.found;
    wantedFiltered += filtered.wanted;
  }
  return {
    recallAtK: wanted === 0 ? 1 : found / wanted,
    filteredRecallAtK: wantedFiltered === 0 ? 1 : foundFiltered / wantedFiltered,
    buildSeconds,
  };
}

function seenSet(snapshot: ModelSnapshot, user: number): Set<number> {
  const { offsets, items } = snapshot.seenItems;
  return new Set(items.subarray(offsets[user], offsets[user + 1]));
}

/** How many of the exact top k the index also returned. */
function overlap(
  index: VectorIndex,
  exact: VectorIndex,
  search: { query: Float32Array; k: number; exclude?: (item: number) => boolean },
): { found: number; wanted: number } {
  const truth = new Set(
    exact.search(search.query, search.k, search.exclude).map((hit) => hit.index),
  );
  const hits = index.search(search.query, search.k, search.exclude);
  return { found: hits.filter((hit) => truth.has(hit.index)).length, wanted: truth.size };
}
