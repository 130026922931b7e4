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

const open = (catalogue: CatalogueSnapshot) => ({ catalogue, catalogueMode: 'open' as const });
const strict = (catalogue: CatalogueSnapshot) => ({ catalogue, catalogueMode: 'strict' as const });

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
      const filter = buildItemFilter(open(catalogue()), model, f, { itemIds: new Set(['d']) });
      itemIds.forEach((id, row) => expect(filter.allowsRow(row)).toBe(filter.allowsId(id)));
    }
  });

  it('applies availability, category, exclusions and seen items (rows and ids) only as asked', () => {
    const ids = [...itemIds, 'outside', 'outside-gone', 'unknown'];
    const seen = { itemIds: new Set(['outside']), rows: new Int32Array([3]) };
    const cat = catalogue();
    expect(allowedIds(buildItemFilter(open(cat), model, everything, seen), ids)).toEqual(['a', 'c', 'unknown']); // prettier-ignore
    expect(allowedIds(buildItemFilter(open(cat), model, { ...everything, excludeSeen: false }, seen), ids)).toEqual(['a', 'c', 'd', 'outside', 'unknown']); // prettier-ignore
    expect(allowedIds(buildItemFilter(open(cat), model, { ...everything, category: 'shoes', excludeSeen: false }, seen), ids)).toEqual(['a', 'outside']); // prettier-ignore
    expect(allowedIds(buildItemFilter(open(cat), model, { ...everything, category: 'never' }), ids)).toEqual([]); // prettier-ignore
    expect(allowedIds(buildItemFilter(open(cat), model, { ...everything, excludeItemIds: new Set(['a', 'unknown']) }), ids)).toEqual(['c', 'd', 'outside']); // prettier-ignore
  });

  it('checks ids against the catalogue alone without a model', () => {
    const filter = buildItemFilter(open(catalogue()), null, { ...everything, category: 'shoes' });
    expect(allowedIds(filter, ['a', 'b', 'outside', 'outside-gone'])).toEqual(['a', 'outside']);
    expect(filter.allowsRow(0)).toBe(false);
  });

  it('in strict mode allows only items the catalogue lists as available, by row and by id', () => {
    const ids = [...itemIds, 'outside', 'outside-gone', 'unknown'];
    const cat = catalogue();
    const filter = buildItemFilter(strict(cat), model, everything);
    expect(allowedIds(filter, ids)).toEqual(['a', 'c', 'outside']);
    itemIds.forEach((id, row) => expect(filter.allowsRow(row)).toBe(filter.allowsId(id)));
    // Listing an item (here the model's 'd') makes it recommendable; deleting it takes it back out.
    cat.apply([item('d', { revision: 2 })]);
    expect(buildItemFilter(strict(cat), model, everything).allowsRow(3)).toBe(true);
    cat.apply([item('d', { revision: 3, deleted: true })]);
    expect(buildItemFilter(strict(cat), model, everything).allowsRow(3)).toBe(false);
    expect(allowedIds(buildItemFilter(strict(cat), null, everything), ids)).toEqual(['a', 'c', 'outside']); // prettier-ignore
  });
});
