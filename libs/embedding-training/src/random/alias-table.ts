import type { SeededRandom } from './seeded-random';

/** Walker/Vose alias table: draws index i with probability weights[i] / sum(weights) in O(1). */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    if (n === 0 || !(total > 0)) throw new RangeError('AliasTable needs a positive total weight');
    this.build(weights, n / total);
  }

  /** Draws one index. */
  sample(random: SeededRandom): number {
    const i = random.nextInt(this.alias.length);
    return random.nextFloat() < this.probability[i] ? i : this.alias[i];
  }

  private build(weights: ArrayLike<number>, scale: number): void {
    const n = weights.length;
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = weights[i] * scale;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const less = small.pop()!;
      const more = large.pop()!;
      this.probability[less] = scaled[less];
      this.alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      (scaled[more] < 1 ? small : large).push(more);
    }
    for (const i of [...small, ...large]) {
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }
}
