import { defaultListCount, defaultProbeCount } from './build-ivf-index';
import { MIN_SHARD_ROWS, planIndexShards } from './plan-index-shards';

describe('planIndexShards', () => {
  it('splits a big IVF build into consecutive shards with their own lists and seeds', () => {
    const plan = planIndexShards(1_000_001, { seed: 3 }, 2);
    expect(plan.map(({ start, rows }) => [start, rows])).toEqual([[0, 500_000], [500_000, 500_001]]); // prettier-ignore
    expect(plan.map((shard) => shard.options.seed)).toEqual([3, 4]);
    expect(plan[0].options).toMatchObject({ algorithm: 'ivf', exactBelow: 0 });
    const lists = defaultListCount(500_000);
    expect(plan[0].options.ivf?.listCount).toBe(lists);
    // The row budget of a query is shared between the shards.
    expect(plan[0].options.ivf?.probeCount).toBe(defaultProbeCount({ count: lists, rows: 500_000 }, 50_000)); // prettier-ignore
  });

  it('keeps the share of lists probed when lists and probes are given', () => {
    const plan = planIndexShards(400_000, { ivf: { listCount: 2_000, probeCount: 300 } }, 4);
    expect(plan).toHaveLength(4);
    expect(plan.map((shard) => shard.options.ivf)).toEqual(Array(4).fill({ listCount: 500, probeCount: 75 })); // prettier-ignore
  });

  it('does not split HNSW, exact search or tables too small to share', () => {
    expect(planIndexShards(150_000, { hnswBelow: 200_000 }, 2)).toEqual([{ start: 0, rows: 150_000, options: { hnswBelow: 200_000 } }]); // prettier-ignore
    expect(planIndexShards(10_000, {}, 2)).toHaveLength(1);
    expect(planIndexShards(2 * MIN_SHARD_ROWS - 1, { algorithm: 'ivf' }, 4)).toHaveLength(1);
    expect(planIndexShards(3 * MIN_SHARD_ROWS, { algorithm: 'ivf' }, 4)).toHaveLength(3);
  });
});
