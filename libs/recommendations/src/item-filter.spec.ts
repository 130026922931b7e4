import { CatalogueSnapshot } from './catalogue-view';
import { buildItemFilter } from './item-filter';
import type { RecommendationFilters } from './recommendation-types';
import { buildServingModel } from './serving-model';
import { catalogueItem as item, snapshotOf } from './testing/fixtures';

const itemIds = ['a', 'b', 'c', 'd'];
const model = buildServingModel(
  snapshotOf({
    dim: 1,
    itemIds,
    itemVectors: new Float32Array([0, 1, 2, 3]),
    userIds: ['u'],
    userVectors: new Float32Array([0]),
    seenItems: { offsets: new Int32Array([0, 0]), items: new Int32Array([]) },
    popularItems: new Int32Array([0]),
  }),
);
const everything: RecommendationFilters = {
  limit: 10,
  offset: 0,
  excludeItemIds: new Set(),
  excludeSeen: true,
};

function catalogue(): CatalogueSnapshot {
  const snapshot = new CatalogueSnapshot();
  snapshot.apply([
    item('a', { category: 'shoes' }),
    item('b', { category: 'shoes', available: false }),
    item('c', { category: 'hats' }),
    item('outside', { category: 'shoes' }),
    item('outside-gone', { category: 'shoes', deleted: true }),
  ]);
  return snapshot;
}

const allowedIds = (filter: ReturnType<typeof buildItemFilter>, ids: string[]) =>
  ids.filter((id) => filter.allowsId(id));

describe('buildItemFilter', () => {
  it('answers the same for a model item by row and by id', () => {
    const filters = [
      everything,
      { ...everything, category: 'shoes' },
      { ...everything, excludeItemIds: new Set(['c']) },
    ];
    for (const f of filters) {
      const filter = buildItemFilter(catalogue(), model, f, { itemIds: new Set(['d']) });
      itemIds.forEach((id, row) => expect(filter.allowsRow(row)).toBe(filter.allowsId(id)));
    }
  });

  it('applies availability, category, exclusions and seen items (rows and ids) only as asked', () => {
    const ids = [...itemIds, 'outside', 'outside-gone', 'unknown'];
    const seen = { itemIds: new Set(['outside']), rows: new Int32Array([3]) };
    const cat = catalogue();
    expect(allowedIds(buildItemFilter(cat, model, everything, seen), ids)).toEqual(['a', 'c', 'unknown']); // prettier-ignore
    expect(allowedIds(buildItemFilter(cat, model, { ...everything, excludeSeen: false }, seen), ids)).toEqual(['a', 'c', 'd', 'outside', 'unknown']); // prettier-ignore
    expect(allowedIds(buildItemFilter(cat, model, { ...everything, category: 'shoes', excludeSeen: false }, seen), ids)).toEqual(['a', 'outside']); // prettier-ignore
    expect(allowedIds(buildItemFilter(cat, model, { ...everything, category: 'never' }), ids)).toEqual([]); // prettier-ignore
    expect(allowedIds(buildItemFilter(cat, model, { ...everything, excludeItemIds: new Set(['a', 'unknown']) }), ids)).toEqual(['c', 'd', 'outside']); // prettier-ignore
  });

  it('checks ids against the catalogue alone without a model', () => {
    const filter = buildItemFilter(catalogue(), null, { ...everything, category: 'shoes' });
    expect(allowedIds(filter, ['a', 'b', 'outside', 'outside-gone'])).toEqual(['a', 'outside']);
    expect(filter.allowsRow(0)).toBe(false);
  });
});
