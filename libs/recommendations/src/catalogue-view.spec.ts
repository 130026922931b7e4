import { NO_CATEGORY, UNKNOWN_CATEGORY, type ItemTable } from './catalogue-rows';
import { CatalogueSnapshot } from './catalogue-view';
import { catalogueItem } from './testing/fixtures';

function tableOf(itemIds: string[]): ItemTable {
  return { itemIndexById: new Map(itemIds.map((id, row) => [id, row])), rowCount: itemIds.length };
}
const item = (itemId: string, revision: number, fields: Parameters<typeof catalogueItem>[1] = {}) =>
  catalogueItem(itemId, { revision, ...fields });

describe('CatalogueSnapshot rows', () => {
  it('lays out availability, deletion and categories by row; items it never described are allowed', () => {
    const catalogue = new CatalogueSnapshot();
    catalogue.apply([
      item('a', 1, { available: false, category: 'shoes' }),
      item('b', 2, { category: 'hats' }),
      item('c', 3, { category: 'shoes', deleted: true }),
      item('not-in-model', 4, { category: 'socks' }),
    ]);
    const rows = catalogue.rowsOf(tableOf(['a', 'b', 'c', 'd']));
    expect(Array.from(rows.blocked)).toEqual([1, 0, 1, 0]);
    const hats = catalogue.categoryCodeOf('hats');
    const shoes = catalogue.categoryCodeOf('shoes');
    expect(hats).not.toBe(shoes);
    expect(Array.from(rows.categories)).toEqual([shoes, hats, NO_CATEGORY, NO_CATEGORY]);
    expect(catalogue.categoryCodeOf('never-seen')).toBe(UNKNOWN_CATEGORY);
  });

  it('keeps the rows of the tables it laid out current as changes arrive', () => {
    const catalogue = new CatalogueSnapshot();
    const table = tableOf(['a', 'b']);
    const rows = catalogue.rowsOf(table);
    catalogue.apply([item('b', 1, { available: false }), item('a', 2, { category: 'x' })]);
    expect(catalogue.rowsOf(table)).toBe(rows);
    expect(Array.from(rows.blocked)).toEqual([0, 1]);
    expect(rows.categories[0]).toBe(catalogue.categoryCodeOf('x'));
    catalogue.apply([item('b', 1, { available: true })]); // an older revision: ignored
    expect(rows.blocked[1]).toBe(1);
    catalogue.apply([item('b', 3, { available: true })]);
    expect(rows.blocked[1]).toBe(0);
  });

  it('includes changes applied between the steps of a layout', () => {
    const catalogue = new CatalogueSnapshot();
    const ids = Array.from({ length: 120_000 }, (_, i) => `i${i}`);
    catalogue.apply(ids.map((id, i) => item(id, i + 1)));
    const table = tableOf(ids);
    const steps = catalogue.rowsSteps(table);
    expect(steps.next().done).toBe(false); // 50k laid out
    catalogue.apply([item('i10', 200_000, { deleted: true }), item('i110000', 200_001, { available: false })]); // prettier-ignore
    let next = steps.next();
    while (!next.done) next = steps.next();
    expect(next.value.blocked[10]).toBe(1);
    expect(next.value.blocked[110_000]).toBe(1);
    expect(next.value.blocked.reduce((sum, b) => sum + b, 0)).toBe(2);
  });

  it('follows the three most recently used tables and lays out a forgotten one again', () => {
    const catalogue = new CatalogueSnapshot();
    const tables = [1, 2, 3, 4].map(() => tableOf(['a']));
    const first = catalogue.rowsOf(tables[0]);
    for (const table of tables.slice(1)) catalogue.rowsOf(table);
    catalogue.apply([item('a', 1, { available: false })]);
    expect(first.blocked[0]).toBe(0); // no longer followed
    const again = catalogue.rowsOf(tables[0]);
    expect(again).not.toBe(first);
    expect(again.blocked[0]).toBe(1);
    expect(catalogue.rowsOf(tables[3]).blocked[0]).toBe(1);
  });

  it('stops following the tables it is told to forget', () => {
    const catalogue = new CatalogueSnapshot();
    const [old, current] = [tableOf(['a']), tableOf(['a'])];
    const oldRows = catalogue.rowsOf(old);
    const currentRows = catalogue.rowsOf(current);
    catalogue.keepRowsOnlyOf(current);
    catalogue.apply([item('a', 1, { available: false })]);
    expect(oldRows.blocked[0]).toBe(0);
    expect(currentRows.blocked[0]).toBe(1);
    expect(catalogue.rowsOf(current)).toBe(currentRows);
  });
});

describe('CatalogueSnapshot feed position', () => {
  it("applies this replica's own change at once without skipping another replica's earlier revision", () => {
    const catalogue = new CatalogueSnapshot();
    catalogue.apply([item('a', 1)]);
    catalogue.applyOwn(item('mine', 3, { available: false }));
    expect(catalogue.isRecommendable('mine')).toBe(false);
    // Revision 2, written by another replica, committed after ours: the feed must still be read from 1.
    expect(catalogue.revision).toBe(1);
    catalogue.apply([item('theirs', 2, { deleted: true }), item('mine', 3, { available: false })]);
    expect(catalogue.isRecommendable('theirs')).toBe(false);
    expect(catalogue.revision).toBe(3);
  });
});
