/**
 * Running mean of the trained tables over the last epochs of a run (Polyak / stochastic weight
 * averaging): hinge updates with hard negatives keep moving the rows around the optimum, and the mean of
 * late snapshots sits nearer it than the last one. The sums are float32 like the tables (at most a few
 * dozen terms of values within the max-norm ball).
 */
export class TableAverage {
  private readonly userSums: Float32Array;
  private readonly itemSums: Float32Array;
  private count = 0;

  private constructor(
    private readonly users: Float32Array,
    private readonly items: Float32Array,
    /** First 0-based epoch whose tables are added. */
    readonly firstEpoch: number,
  ) {
    this.userSums = new Float32Array(users.length);
    this.itemSums = new Float32Array(items.length);
  }

  /** An average over the last floor(epochs x share) epochs, or null when that is fewer than 2. */
  static forRun(
    tables: { users: Float32Array; items: Float32Array },
    run: { epochs: number; share: number },
  ): TableAverage | null {
    const averaged = Math.floor(run.epochs * run.share);
    if (averaged < 2) return null;
    return new TableAverage(tables.users, tables.items, run.epochs - averaged);
  }

  /** Adds the tables as they are after 0-based epoch `epoch` (earlier epochs are ignored). */
  addEpoch(epoch: number): void {
    if (epoch < this.firstEpoch) return;
    add(this.userSums, this.users);
    add(this.itemSums, this.items);
    this.count++;
  }

  /** The mean tables (fresh arrays), or null when no epoch was added (a run stopped before the window). */
  mean(): { users: Float32Array; items: Float32Array } | null {
    if (this.count === 0) return null;
    const scale = 1 / this.count;
    return { users: scaled(this.userSums, scale), items: scaled(this.itemSums, scale) };
  }
}

function add(sums: Float32Array, values: Float32Array): void {
  for (let i = 0; i < sums.length; i++) sums[i] += values[i];
}

function scaled(sums: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = sums[i] * scale;
  return out;
}
