import { sampleRows } from './sample-rows';

describe('sampleRows', () => {
  it('keeps every row of a table no larger than the sample', () => {
    expect([...sampleRows(4, 10)]).toEqual([0, 1, 2, 3]);
    expect([...sampleRows(3, 3)]).toEqual([0, 1, 2]);
  });

  it('spreads at most max distinct rows evenly over a larger table', () => {
    const rows = sampleRows(20_000, 5_000);
    expect(rows).toHaveLength(5_000);
    expect(new Set(rows).size).toBe(5_000);
    expect(rows[0]).toBe(0);
    expect(rows[1]).toBe(4);
    expect(rows[4_999]).toBe(19_996);
  });

  it('samples nothing from an empty table or with no room', () => {
    expect(sampleRows(0, 5_000)).toHaveLength(0);
    expect(sampleRows(10, 0)).toHaveLength(0);
  });
});
