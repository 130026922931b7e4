import type { RecentInteraction } from '@recsys/domain';
import { CatalogueSnapshot } from './catalogue-view';
import { recommendForSession, similarItems } from './recommend-for-items';
import { recommendForUser } from './recommend-for-user';
import type { RecommendationFilters } from './recommendation-types';
import type { ServingContext } from './serving-context';
import { buildServingModel } from './serving-model';
import { catalogueItem, snapshotOf } from './testing/fixtures';

// 1-d embeddings: items a=0 b=1 c=2 d=3 far=10; user "near" at 0.9 trained on b; user "other" at 9.
const snapshot = snapshotOf({
  dim: 1,
  itemIds: ['a', 'b', 'c', 'd', 'far'],
  itemVectors: new Float32Array([0, 1, 2, 3, 10]),
  userIds: ['near', 'other'],
  userVectors: new Float32Array([0.9, 9]),
  seenItems: { offsets: new Int32Array([0, 1, 1]), items: new Int32Array([1]) },
  popularItems: new Int32Array([4, 0]),
});
const model = buildServingModel(snapshot);
const filters: RecommendationFilters = {
  limit: 2,
  offset: 0,
  excludeItemIds: new Set(),
  excludeSeen: true,
};

function context(overrides: Partial<ServingContext> = {}): ServingContext {
  return {
    model,
    catalogue: new CatalogueSnapshot(),
    popular: [],
    realtimeWeight: 0.5,
    maxRecentLiked: 10,
    ...overrides,
  };
}
function liked(itemId: string, at = '2026-02-01T00:00:00Z'): RecentInteraction {
  return { itemId, polarity: 1, weight: 1, at };
}
const ids = (answer: { items: { itemId: string }[] }) => answer.items.map((i) => i.itemId);

describe('recommendForUser', () => {
  it('returns the nearest unseen items with -distance scores and the model version', () => {
    const answer = recommendForUser(context(), { userId: 'near', recent: [] }, filters);
    expect(answer.modelVersion).toBe('v1');
    expect(ids(answer)).toEqual(['a', 'c']);
    expect(answer.items[0].score).toBeCloseTo(-0.9, 5);
    expect(answer.items.every((i) => i.source === 'model')).toBe(true);
  });

  it('pages with offset and keeps seen items when excludeSeen is false', () => {
    expect(
      ids(recommendForUser(context(), { userId: 'near', recent: [] }, { ...filters, offset: 1 })),
    ).toEqual(['c', 'd']);
    expect(
      ids(
        recommendForUser(
          context(),
          { userId: 'near', recent: [] },
          { ...filters, excludeSeen: false },
        ),
      ),
    ).toEqual(['b', 'a']);
  });

  it('applies explicit exclusions, availability, deletions and categories', () => {
    const catalogue = new CatalogueSnapshot();
    catalogue.apply([
      catalogueItem('a', { available: false }),
      catalogueItem('c', { category: 'shoes', revision: 2 }),
      catalogueItem('d', { category: 'shoes', revision: 3 }),
    ]);
    const user = { userId: 'near', recent: [] };
    expect(ids(recommendForUser(context({ catalogue }), user, filters))).toEqual(['c', 'd']);
    expect(
      ids(
        recommendForUser(context({ catalogue }), user, {
          ...filters,
          excludeItemIds: new Set(['c']),
        }),
      ),
    ).toEqual(['d', 'far']);
    expect(
      ids(
        recommendForUser(context({ catalogue }), user, { ...filters, limit: 5, category: 'shoes' }),
      ),
    ).toEqual(['c', 'd']);
    catalogue.apply([catalogueItem('c', { category: 'shoes', deleted: true, revision: 4 })]);
    expect(
      ids(recommendForUser(context({ catalogue }), user, { ...filters, category: 'shoes' })),
    ).toEqual(['d']);
  });

  it('moves a known user toward items liked after training, and hides recent items', () => {
    const answer = recommendForUser(
      context(),
      { userId: 'other', recent: [liked('a')] },
      { ...filters, limit: 1 },
    );
    // 0.5 * 9 + 0.5 * 0 = 4.5: nearest is d (3), not far (10); a is seen
    expect(answer.items).toEqual([{ itemId: 'd', score: -1.5, source: 'realtime' }]);
  });

  it('ignores likes older than the model for a known user (they are in its vector)', () => {
    const old = liked('a', '2025-12-01T00:00:00Z');
    const answer = recommendForUser(
      context(),
      { userId: 'other', recent: [old] },
      { ...filters, limit: 1 },
    );
    expect(answer.items[0]).toMatchObject({ itemId: 'far', source: 'model' });
  });

  it('counts a late event (old timestamp, received after training) as news to the model', () => {
    const late = { ...liked('a', '2025-12-01T00:00:00Z'), receivedAt: '2026-02-01T00:00:00Z' };
    const answer = recommendForUser(
      context(),
      { userId: 'other', recent: [late] },
      { ...filters, limit: 1 },
    );
    expect(answer.items).toEqual([{ itemId: 'd', score: -1.5, source: 'realtime' }]);
    const inModel = { ...late, receivedAt: '2025-12-01T00:00:01Z' };
    const before = recommendForUser(context(), { userId: 'other', recent: [inModel] }, filters);
    expect(before.items[0]).toMatchObject({ itemId: 'far', source: 'model' });
  });

  it('serves an unknown user with recent likes from those items', () => {
    const answer = recommendForUser(context(), { userId: 'new', recent: [liked('d')] }, filters);
    expect(ids(answer)).toEqual(['c', 'b']);
    expect(answer.items[0].source).toBe('realtime');
  });

  it('falls back to decayed popularity, then to the model list, with scores relative to the top', () => {
    const popular = [
      { itemId: 'c', score: 8 },
      { itemId: 'a', score: 2 },
    ];
    const answer = recommendForUser(
      context({ popular }),
      { userId: 'stranger', recent: [] },
      filters,
    );
    expect(answer.items).toEqual([
      { itemId: 'c', score: 1, source: 'popular' },
      { itemId: 'a', score: 0.25, source: 'popular' },
    ]);
    expect(ids(recommendForUser(context(), { userId: 'stranger', recent: [] }, filters))).toEqual([
      'far',
      'a',
    ]);
  });

  it('serves popular items without any model', () => {
    const popular = [{ itemId: 'x', score: 3 }];
    const answer = recommendForUser(
      context({ model: null, popular }),
      { userId: 'u', recent: [] },
      filters,
    );
    expect(answer).toEqual({
      userId: 'u',
      modelVersion: null,
      items: [{ itemId: 'x', score: 1, source: 'popular' }],
    });
  });

  it('tops up with popular items when filters leave too few nearest items', () => {
    const popular = [{ itemId: 'zz', score: 1 }];
    const answer = recommendForUser(
      context({ popular }),
      { userId: 'near', recent: [] },
      { ...filters, limit: 5 },
    );
    expect(ids(answer)).toEqual(['a', 'c', 'd', 'far', 'zz']);
    expect(answer.items[4].source).toBe('popular');
  });

  it('keeps scores ordered when popular items top an answer up, on every page', () => {
    const popular = [
      { itemId: 'zz', score: 10 },
      { itemId: 'yy', score: 5 },
      { itemId: 'xx', score: 1 },
    ];
    for (const offset of [0, 3, 5]) {
      const answer = recommendForUser(
        context({ popular }),
        { userId: 'near', recent: [liked('a')] },
        { ...filters, limit: 4, offset },
      );
      const scores = answer.items.map((i) => i.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(answer.items.length).toBeGreaterThan(0);
    }
    // Nearest of 0.45 without a (seen) and b (training): c, d, far; then zz, yy, xx below far's −9.55.
    const page = recommendForUser(context({ popular }), { userId: 'near', recent: [liked('a')] }, { ...filters, limit: 6 }); // prettier-ignore
    expect(ids(page)).toEqual(['c', 'd', 'far', 'zz', 'yy', 'xx']);
    expect(page.items[3].score).toBeCloseTo(-9.55, 5);
    expect(page.items[4].score).toBeCloseTo(-10.05, 5);
    expect(page.items[5].score).toBeCloseTo(-10.45, 5);
  });

  it('in strict catalogue mode recommends only items the catalogue lists, popular ones included', () => {
    const catalogue = new CatalogueSnapshot();
    catalogue.apply([catalogueItem('c'), catalogueItem('far', { revision: 2 }), catalogueItem('d', { revision: 3, deleted: true })]); // prettier-ignore
    const popular = [
      { itemId: '<script>alert(1)</script>', score: 40 },
      { itemId: 'far', score: 2 },
    ];
    const strict = context({ catalogue, popular, catalogueMode: 'strict' });
    expect(ids(recommendForUser(strict, { userId: 'stranger', recent: [] }, { ...filters, limit: 5 }))).toEqual(['far']); // prettier-ignore
    expect(ids(recommendForUser(strict, { userId: 'near', recent: [] }, { ...filters, limit: 5 }))).toEqual(['c', 'far']); // prettier-ignore
    expect(ids(similarItems(strict, 'b', { ...filters, limit: 5 }))).toEqual(['c', 'far']);
    expect(ids(recommendForSession(strict, ['a'], { ...filters, limit: 5 }))).toEqual(['c', 'far']);
    const open = context({ catalogue, popular });
    expect(ids(recommendForUser(open, { userId: 'stranger', recent: [] }, filters))).toEqual(['<script>alert(1)</script>', 'far']); // prettier-ignore
  });
});

describe('similarItems and recommendForSession', () => {
  it('finds the nearest other items of an item', () => {
    expect(ids(similarItems(context(), 'c', filters))).toEqual(['b', 'd']);
    let error: unknown;
    try {
      similarItems(context(), 'nope', filters);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ITEM_NOT_FOUND' });
  });

  it('recommends for an anonymous session from its items, never returning them', () => {
    const answer = recommendForSession(context(), ['c', 'd', 'unknown'], filters);
    expect(ids(answer)).toEqual(['b', 'a']);
    expect(ids(recommendForSession(context(), ['unknown'], filters))).toEqual(['far', 'a']);
  });
});
