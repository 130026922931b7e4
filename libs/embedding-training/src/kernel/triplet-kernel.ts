import type { RowGeometry } from '../geometry/row-geometry';
import type { TripletLoss } from '../losses/triplet-loss';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { NegativeReduction } from '../train-options';
import { reductionScale } from './reduction-scale';
import type { TrainingExample } from './training-example';

/** The pieces a kernel runs on. */
export interface TripletKernelParts {
  dim: number;
  loss: TripletLoss;
  /** Over (users, items); the kernel's own instance. */
  geometry: RowGeometry;
  users: SparseOptimizer;
  items: SparseOptimizer;
  /** Most negatives an example can carry. */
  maxNegatives: number;
  reduction: NegativeReduction;
  itemCount: number;
}

/**
 * The hot loop. An example (user u, positive p, negatives n_1..n_K) costs weight * reduce_k loss(u, p, n_k)
 * (see `NegativeReduction`). The negatives and the positive are scored in one batched pass (their cache
 * misses overlap); each active negative row is updated as soon as its gradient is known; the user and the
 * positive, shared by the K triplets, are updated once at the end from accumulated gradients.
 */
export class TripletKernel {
  /** Sum of the unweighted triplet losses since the last `resetCounters`. */
  lossSum = 0;
  /** Triplets evaluated since the last `resetCounters`. */
  tripletCount = 0;
  private readonly userGradient: Float64Array;
  private readonly itemGradient: Float64Array;
  /** Row offsets scored per example: the negatives first, the positive last. */
  private readonly rowOffsets: Int32Array;
  /** dL/ds(u, n_k) of the current example's triplets. */
  private readonly negativeSlopes: Float64Array;
  /** Sum over the current example's triplets of dL/ds(u, p). */
  private positiveSlope = 0;

  constructor(private readonly parts: TripletKernelParts) {
    this.userGradient = new Float64Array(parts.dim);
    this.itemGradient = new Float64Array(parts.dim);
    this.rowOffsets = new Int32Array(parts.maxNegatives + 1);
    this.negativeSlopes = new Float64Array(parts.maxNegatives);
  }

  /** Zeroes the loss and triplet counters. */
  resetCounters(): void {
    this.lossSum = 0;
    this.tripletCount = 0;
  }

  /** One sparse gradient step on `example`. */
  train(example: TrainingExample): void {
    const count = example.negativeCount;
    if (count === 0) return;
    const { dim, geometry } = this.parts;
    const offsets = this.rowOffsets;
    for (let k = 0; k < count; k++) offsets[k] = example.negatives[k] * dim;
    offsets[count] = example.positive * dim;
    geometry.setAnchor(example.user * dim);
    const active = this.evaluate(geometry.scoreRows(offsets, count + 1), count);
    this.tripletCount += count;
    if (active === 0 && this.positiveSlope === 0) return;
    this.userGradient.fill(0);
    const scale = reductionScale({
      reduction: this.parts.reduction,
      weight: example.weight,
      count,
      active,
      itemCount: this.parts.itemCount,
    });
    if (active > 0) this.applyNegatives(example, scale);
    this.finish(example, { positiveCoef: this.positiveSlope * scale, userTouched: active > 0 });
  }

  /** Losses and slopes of the K triplets; returns how many have a negative gradient. */
  private evaluate(scores: Float64Array, count: number): number {
    const loss = this.parts.loss;
    const scorePositive = scores[count];
    let positiveSlope = 0;
    let active = 0;
    for (let k = 0; k < count; k++) {
      this.lossSum += loss.evaluate(scorePositive, scores[k]);
      positiveSlope += loss.gradPositive;
      this.negativeSlopes[k] = loss.gradNegative;
      if (loss.gradNegative !== 0) active++;
    }
    this.positiveSlope = positiveSlope;
    return active;
  }

  private applyNegatives(example: TrainingExample, scale: number): void {
    const { geometry, items } = this.parts;
    for (let k = 0; k < example.negativeCount; k++) {
      const coef = this.negativeSlopes[k] * scale;
      if (coef === 0) continue;
      geometry.addGradients(this.userGradient, this.itemGradient, coef, k);
      items.applyRow(example.negatives[k], this.itemGradient);
    }
  }

  private finish(
    example: TrainingExample,
    update: { positiveCoef: number; userTouched: boolean },
  ): void {
    const { geometry, users, items } = this.parts;
    let userTouched = update.userTouched;
    if (update.positiveCoef !== 0) {
      const index = example.negativeCount;
      geometry.addGradients(this.userGradient, this.itemGradient, update.positiveCoef, index);
      items.applyRow(example.positive, this.itemGradient);
      userTouched = true;
    }
    if (userTouched) users.applyRow(example.user, this.userGradient);
  }
}
