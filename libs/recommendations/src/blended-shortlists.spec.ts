import type { RecentInteraction } from '@recsys/domain';
import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';
import {
  clusteredVectors,
  ExactVectorIndex,
  runStepsNow,
  vectorIndexSteps,
  type SearchHit,
} from '@recsys/vector-index';
import { BlendedShortlists } from './blended-shortlists';
import { CatalogueSnapshot } from './catalogue-view';
import { recommendForUser } from './recommend-for-user';
import type { RecommendationFilters } from './recommendation-types';
import type { ServingContext } from './serving-context';
import { buildServingModel, type ItemSearch, type ServingModel } from './serving-model';
import { catalogueItem, snapshotOf } from './testing/fixtures';

const TRAINED = '2026-01-01T00:00:00Z';
const AFTER = '2026-02-01T00:00:00Z';
const base: RecommendationFilters = { limit: 10, offset: 0, excludeItemIds: new Set(), excludeSeen: true }; // prettier-ignore

/** Items and users around shared cluster centres ([rows, dim]); each user saw 3 random items. */
function clusteredSnapshot(options: { items: number; users: number; dim: number; seed: number }) {
  const { items, users, dim, seed } = options;
  const vectors = clusteredVectors({ rows: items + users, dim, clusterCount: Math.ceil(items / 100), spread: 1, seed }); // prettier-ignore
  const random = createSeededRandom(seed + 1);
  return snapshotOf({
    dim,
    itemIds: Array.from({ length: items }, (_, i) => `item-${i}`),
    itemVectors: vectors.slice(0, items * dim),
    userIds: Array.from({ length: users }, (_, u) => `user-${u}`),
    userVectors: vectors.slice(items * dim),
    seenItems: {
      offsets: Int32Array.from({ length: users + 1 }, (_, u) => 3 * u),
      items: Int32Array.from({ length: 3 * users }, () => Math.floor(random() * items)),
    },
    popularItems: Int32Array.from({ length: 20 }, (_, i) => i),
  });
}

/** 1-3 likes since training of random items, sometimes with an older like and a dislike. */
function randomRecent(random: RandomSource, items: number): RecentInteraction[] {
  const pick = () => `item-${Math.floor(random() * items)}`;
  const recent: RecentInteraction[] = [];
  const likes = 1 + Math.floor(random() * 3);
  for (let i = 0; i < likes; i++)
    recent.push({ itemId: pick(), polarity: 1, weight: 1, at: AFTER });
  if (random() < 0.5) recent.push({ itemId: pick(), polarity: -1, weight: 0, at: AFTER });
  if (random() < 0.5) recent.push({ itemId: pick(), polarity: 1, weight: 1, at: '2025-12-01T00:00:00Z' }); // prettier-ignore
  return recent;
}

function context(model: ServingModel, overrides: Partial<ServingContext> = {}): ServingContext {
  return { model, catalogue: new CatalogueSnapshot(), popular: [], realtimeWeight: 0.5, maxRecentLiked: 10, ...overrides }; // prettier-ignore
}

/** Counts the searches of an index. */
function counting(index: ItemSearch): ItemSearch & { searches: number } {
  const counted = {
    searches: 0,
    search(query: Float32Array, k: number, exclude?: (index: number) => boolean): SearchHit[] {
      counted.searches++;
      return index.search(query, k, exclude);
    },
  };
  return counted;
}

describe('BlendedShortlists', () => {
  it('answers exactly like a search per request, for pages, categories, exclusions and the catalogue', () => {
    const snapshot = clusteredSnapshot({ items: 600, users: 40, dim: 8, seed: 3 });
    const model = buildServingModel(snapshot);
    const catalogue = new CatalogueSnapshot();
    catalogue.apply(snapshot.itemIds.map((id, i) => catalogueItem(id, { category: `c${i % 3}`, available: i % 7 !== 3, revision: i + 1 }))); // prettier-ignore
    const requests: RecommendationFilters[] = [
      base,
      { ...base, offset: 15 },
      { ...base, category: 'c1' },
      { ...base, excludeItemIds: new Set(['item-1', 'item-2', 'item-3']) },
      { ...base, limit: 30, offset: 30, category: 'c2' }, // beyond the list: searched
    ];
    const random = createSeededRandom(4);
    const lists = new BlendedShortlists(50);
    for (let user = 0; user < 40; user++) {
      const request = { userId: user < 30 ? `user-${user}` : `new-${user}`, recent: randomRecent(random, 600) }; // prettier-ignore
      for (const filters of requests) {
        const searched = recommendForUser(context(model, { catalogue }), request, filters);
        expect(searched.items[0].source).toBe('realtime');
        for (let again = 0; again < 2; again++) {
          expect(recommendForUser(context(model, { catalogue, blendedLists: lists }), request, filters)).toEqual(searched); // prettier-ignore
        }
      }
    }
  });

  it('searches once per recent list and model, then filters the kept list', () => {
    const snapshot = clusteredSnapshot({ items: 300, users: 5, dim: 4, seed: 5 });
    const index = counting(new ExactVectorIndex(snapshot.itemVectors, 4, 'neg-l2'));
    const model = buildServingModel(snapshot, index);
    const lists = new BlendedShortlists(20);
    const recent = randomRecent(createSeededRandom(6), 300);
    const ask = (m: ServingModel, r: readonly RecentInteraction[], filters = base) =>
      recommendForUser(context(m, { blendedLists: lists }), { userId: 'user-1', recent: r }, filters); // prettier-ignore
    const first = ask(model, recent);
    expect(index.searches).toBe(1);
    expect(ask(model, recent, { ...base, offset: 5 }).items).toEqual(ask(model, recent, { ...base, limit: 15 }).items.slice(5)); // prettier-ignore
    expect(index.searches).toBe(1);
    // A new list (the user changed) is searched again, even with the same contents; so is a new model.
    expect(ask(model, [...recent])).toEqual(first);
    expect(index.searches).toBe(2);
    const swapped = buildServingModel(snapshot, index);
    expect(ask(swapped, recent)).toEqual(first);
    expect(index.searches).toBe(3);
    // A page the list cannot fill is searched (the list holds 20 items).
    ask(swapped, recent, { ...base, offset: 15 });
    expect(index.searches).toBe(4);
  });

  it('keeps Recall@10 against exact search of the blended vector at the index recall (HNSW, random clicks)', () => {
    // prettier-ignore
    const [items, users, dim] = [2000, 200, 16];
    const snapshot = clusteredSnapshot({ items, users, dim, seed: 7 });
    const hnsw = runStepsNow(vectorIndexSteps(snapshot.itemVectors, dim, 'neg-l2', { exactBelow: 0, algorithm: 'hnsw', seed: 1 })); // prettier-ignore
    const model = buildServingModel(snapshot, hnsw);
    const exact = new ExactVectorIndex(snapshot.itemVectors, dim, 'neg-l2');
    const lists = new BlendedShortlists(50);
    const random = createSeededRandom(8);
    let [listHits, searchHits, total] = [0, 0, 0];
    for (let user = 0; user < users; user++) {
      const request = { userId: `user-${user}`, recent: randomRecent(random, items) };
      const truth = new Set(exact.search(blendedVector(model, request), 10, seenBy(model, request)).map((h) => snapshot.itemIds[h.index])); // prettier-ignore
      const searched = recommendForUser(context(model), request, base);
      recommendForUser(context(model, { blendedLists: lists }), request, base);
      const listed = recommendForUser(context(model, { blendedLists: lists }), request, base);
      searchHits += searched.items.filter((i) => truth.has(i.itemId)).length;
      listHits += listed.items.filter((i) => truth.has(i.itemId)).length;
      total += truth.size;
    }
    const [listRecall, searchRecall] = [listHits / total, searchHits / total];
    expect(searchRecall).toBeGreaterThan(0.95);
    expect(listRecall).toBeGreaterThanOrEqual(searchRecall - 0.01);
  });
});

/** The query of a known user with likes since training: half the trained vector, half their centroid. */
function blendedVector(
  model: ServingModel,
  request: { userId: string; recent: RecentInteraction[] },
) {
  const { dim } = model.snapshot.metadata;
  const user = model.userIndexById.get(request.userId)!;
  const liked = request.recent.filter((r) => r.polarity === 1 && r.at > TRAINED).map((r) => model.itemIndexById.get(r.itemId)!); // prettier-ignore
  const query = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    let centroid = 0;
    for (const row of liked) centroid += model.snapshot.itemVectors[row * dim + d] / liked.length;
    query[d] = 0.5 * model.snapshot.userVectors[user * dim + d] + 0.5 * centroid;
  }
  return query;
}

/** Excludes the user's training items and every recent item. */
function seenBy(model: ServingModel, request: { userId: string; recent: RecentInteraction[] }) {
  const user = model.userIndexById.get(request.userId)!;
  const { offsets, items } = model.snapshot.seenItems;
  const rows = new Set(items.subarray(offsets[user], offsets[user + 1]));
  for (const r of request.recent) rows.add(model.itemIndexById.get(r.itemId)!);
  return (row: number) => rows.has(row);
}
