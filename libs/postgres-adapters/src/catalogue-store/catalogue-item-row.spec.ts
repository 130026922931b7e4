import { toCatalogueItem, type CatalogueItemRow } from './catalogue-item-row';

const ROW: CatalogueItemRow = {
  item_id: 'item-1',
  category: 'shoes',
  available: true,
  properties: { colour: 'red', sizes: [41, 42] },
  deleted: false,
  revision: '42',
  updated_at: new Date('2026-01-02T03:04:05.678Z'),
};

describe('toCatalogueItem', () => {
  it('maps a pg row (bigint as a string, Date timestamps) to the domain type', () => {
    expect(toCatalogueItem(ROW)).toEqual({
      itemId: 'item-1',
      category: 'shoes',
      available: true,
      properties: { colour: 'red', sizes: [41, 42] },
      revision: 42,
      updatedAt: '2026-01-02T03:04:05.678Z',
      deleted: false,
    });
  });

  it('accepts a numeric revision and a timestamp string (PGlite and text results)', () => {
    const item = toCatalogueItem({ ...ROW, revision: 7, updated_at: '2026-01-02T03:04:05.678Z' });
    expect(item.revision).toBe(7);
    expect(item.updatedAt).toBe('2026-01-02T03:04:05.678Z');
  });

  it('keeps a tombstone with no category', () => {
    const item = toCatalogueItem({ ...ROW, category: null, deleted: true, revision: BigInt(9) });
    expect(item).toMatchObject({ category: null, deleted: true, revision: 9 });
  });
});
