import { plantedClusters } from '../testing/planted-clusters';
import { trainEmbeddings } from '../train-embeddings';
import { TableAverage } from './table-average';

const planted = plantedClusters({
  userCount: 60,
  itemCount: 120,
  clusterCount: 4,
  likesPerUser: 6,
  seed: 9,
});
// Export-time aggregation off, so the returned vectors are the (averaged) trained tables themselves.
const options = { dim: 8, epochs: 6, seed: 5, threads: 1, userAggregation: 0, itemPropagation: 0 };

/** Trains and keeps a copy of the live tables after every epoch. */
async function trainWithSnapshots(share: number) {
  const snapshots: { users: Float32Array; items: Float32Array }[] = [];
  const model = await trainEmbeddings(
    planted.data,
    { ...options, averagedEpochShare: share },
    {
      onEpochEnd: (_report, live) => {
        snapshots.push({
          users: Float32Array.from(live.userVectors),
          items: Float32Array.from(live.itemVectors),
        });
        return 'continue';
      },
    },
  );
  return { model, snapshots };
}

function meanOf(tables: Float32Array[]): Float32Array {
  const out = new Float32Array(tables[0].length);
  for (const table of tables) for (let i = 0; i < out.length; i++) out[i] += table[i];
  return out.map((value) => value / tables.length);
}

describe('TableAverage', () => {
  it('exports the mean of the tables after each of the last floor(epochs x share) epochs', async () => {
    const { model, snapshots } = await trainWithSnapshots(0.5);
    const last3 = snapshots.slice(3);
    const users = meanOf(last3.map((s) => s.users));
    const items = meanOf(last3.map((s) => s.items));
    for (let i = 0; i < users.length; i++) expect(model.userVectors[i]).toBeCloseTo(users[i], 5);
    for (let i = 0; i < items.length; i++) expect(model.itemVectors[i]).toBeCloseTo(items[i], 5);
    // And it is not just the last epoch's tables.
    expect(Array.from(model.itemVectors)).not.toEqual(Array.from(snapshots[5].items));
  });

  it("exports the last epoch's tables with share 0", async () => {
    const { model, snapshots } = await trainWithSnapshots(0);
    expect(Array.from(model.userVectors)).toEqual(Array.from(snapshots[5].users));
    expect(Array.from(model.itemVectors)).toEqual(Array.from(snapshots[5].items));
  });

  it('averages nothing when the window is under two epochs, and nothing before its first epoch', () => {
    const tables = { users: new Float32Array([1, 2]), items: new Float32Array([3]) };
    expect(TableAverage.forRun(tables, { epochs: 3, share: 0.5 })).toBeNull();
    const average = TableAverage.forRun(tables, { epochs: 4, share: 0.5 })!;
    expect(average.firstEpoch).toBe(2);
    average.addEpoch(1);
    expect(average.mean()).toBeNull();
    average.addEpoch(2);
    tables.users.set([3, 6]);
    tables.items.set([5]);
    average.addEpoch(3);
    expect(average.mean()).toEqual({
      users: new Float32Array([2, 4]),
      items: new Float32Array([4]),
    });
  });
});
