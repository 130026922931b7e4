import type { ModelSnapshot } from '@recsys/domain';
import { createSeededRandom } from '@recsys/synthetic-data';
import { runStepsNow } from '@recsys/vector-index';
import { CatalogueSnapshot } from './catalogue-view';
import { recommendForUser } from './recommend-for-user';
import type { RecommendationFilters } from './recommendation-types';
import type { AnswerPath, ServingContext } from './serving-context';
import { buildServingModel, type ServingModel } from './serving-model';
import { computeUserShortlists, shortlistSourceOf, UserShortlists } from './user-shortlists';

const DIM = 4;
const ITEMS = 60;
const USERS = 12;

/** A random model: users saw 3 items each; categories c0..c2 by item number. */
function randomModel(seed: number): ServingModel {
  const random = createSeededRandom(seed);
  const gaussian = () => random() * 2 - 1;
  const seen = Array.from({ length: USERS }, (_, u) => [u, u + 7, u + 20]);
  const snapshot: ModelSnapshot = {
    metadata: {
      version: `v${seed}`,
      createdAt: '2026-01-01T00:00:00Z',
      dim: DIM,
      metric: 'neg-l2',
      itemCount: ITEMS,
      userCount: USERS,
      metrics: {},
      trainingParams: {},
    },
    itemIds: Array.from({ length: ITEMS }, (_, i) => `item-${i}`),
    itemVectors: Float32Array.from({ length: ITEMS * DIM }, gaussian),
    userIds: Array.from({ length: USERS }, (_, u) => `user-${u}`),
    userVectors: Float32Array.from({ length: USERS * DIM }, gaussian),
    seenItems: {
      offsets: Int32Array.from({ length: USERS + 1 }, (_, u) => 3 * u),
      items: Int32Array.from(seen.flat()),
    },
    popularItems: Int32Array.from({ length: ITEMS }, (_, i) => i),
  };
  return buildServingModel(snapshot);
}

function withShortlists(model: ServingModel, size: number): ServingModel {
  const shortlists = runStepsNow(
    computeUserShortlists(shortlistSourceOf(model), new UserShortlists(USERS, size)),
  );
  return { ...model, shortlists };
}

function catalogue(): CatalogueSnapshot {
  const snapshot = new CatalogueSnapshot();
  snapshot.apply(
    Array.from({ length: ITEMS }, (_, i) => ({
      itemId: `item-${i}`,
      category: `c${i % 3}`,
      available: i % 11 !== 5,
      properties: {},
      revision: i + 1,
      updatedAt: '',
      deleted: i === 13,
    })),
  );
  return snapshot;
}

function context(model: ServingModel): ServingContext {
  return { model, catalogue: catalogue(), popular: [], realtimeWeight: 0.5, maxRecentLiked: 10 };
}

const base: RecommendationFilters = {
  limit: 5,
  offset: 0,
  excludeItemIds: new Set(),
  excludeSeen: true,
};
const requests: RecommendationFilters[] = [
  base,
  { ...base, offset: 4 },
  { ...base, category: 'c1' },
  { ...base, excludeItemIds: new Set(['item-30', 'item-31', 'item-40']) },
  { ...base, limit: 9, offset: 7, category: 'c2' },
];

describe('UserShortlists', () => {
  it("holds each user's nearest items without the user's training items", () => {
    const model = withShortlists(randomModel(1), 10);
    for (let user = 0; user < USERS; user++) {
      const training = new Set([user, user + 7, user + 20]);
      const query = model.snapshot.userVectors.subarray(user * DIM, (user + 1) * DIM);
      const expected = model.index.search(query, 10, (item) => training.has(item));
      const start = user * 10;
      expect(model.shortlists?.countOf(user)).toBe(10);
      expect(Array.from(model.shortlists!.items.subarray(start, start + 10))).toEqual(expected.map((h) => h.index)); // prettier-ignore
    }
    expect(model.shortlists?.computed).toBe(USERS);
  });

  it('answers exactly like the search, for pages, categories, exclusions and recent items', () => {
    const plain = randomModel(2);
    const listed = withShortlists(plain, 16);
    const recent = [
      { itemId: 'item-50', polarity: 0 as const, weight: 0, at: '2026-02-01T00:00:00Z' },
      { itemId: 'item-51', polarity: 1 as const, weight: 1, at: '2025-12-01T00:00:00Z' },
    ];
    for (let user = 0; user < USERS; user++) {
      for (const filters of requests) {
        const request = { userId: `user-${user}`, recent };
        expect(recommendForUser(context(listed), request, filters)).toEqual(
          recommendForUser(context(plain), request, filters),
        );
      }
    }
  });

  it('is what answers when it holds the page, and the search when it runs out', () => {
    const model = withShortlists(randomModel(3), 6);
    // Plant a marker: the answer can only contain it if it came from the list.
    model.shortlists!.items[0] = 59;
    const answerTrace = { path: 'search' as AnswerPath };
    const first = recommendForUser({ ...context(model), answerTrace }, { userId: 'user-0', recent: [] }, { ...base, limit: 1 }); // prettier-ignore
    expect(first.items[0].itemId).toBe('item-59');
    expect(answerTrace.path).toBe('list');
    const beyond = recommendForUser({ ...context(model), answerTrace }, { userId: 'user-0', recent: [] }, { ...base, limit: 5, offset: 4 }); // prettier-ignore
    expect(beyond.items.map((i) => i.itemId)).not.toContain('item-59');
    expect(beyond.items).toHaveLength(5);
    expect(answerTrace.path).toBe('search');
  });

  it('computes the same lists in parts (as worker threads do) as at once', () => {
    const model = randomModel(5);
    const source = shortlistSourceOf(model);
    const whole = runStepsNow(computeUserShortlists(source, new UserShortlists(USERS, 7)));
    const assembled = new UserShortlists(USERS, 7);
    for (const [first, count] of [
      [5, 7],
      [0, 5],
    ]) {
      const part = runStepsNow(computeUserShortlists(source, new UserShortlists(count, 7, first)));
      assembled.copyFrom(UserShortlists.fromParts(part.toParts()));
      expect(assembled.computed).toBe(first === 5 ? 7 : USERS);
    }
    expect(assembled.items).toEqual(whole.items);
    expect(assembled.scores).toEqual(whole.scores);
    expect(assembled.counts).toEqual(whole.counts);
  });

  it('leaves users outside the computed range to the search', () => {
    const model = randomModel(4);
    const partial = new UserShortlists(USERS, 5);
    partial.set(0, [{ index: 59, score: 0 }]);
    expect(partial.countOf(1)).toBe(-1);
    const answer = recommendForUser(context({ ...model, shortlists: partial }), { userId: 'user-1', recent: [] }, base); // prettier-ignore
    expect(answer).toEqual(
      recommendForUser(context(model), { userId: 'user-1', recent: [] }, base),
    );
  });
});
