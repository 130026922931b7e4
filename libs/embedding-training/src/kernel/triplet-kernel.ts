import type { RowGeometry } from '../geometry/row-geometry';
import { isHingeLoss, type HingeTripletLoss, type TripletLoss } from '../losses/triplet-loss';
import type { SparseOptimizer } from '../optim/sparse-optimizer';
import type { NegativeReduction } from '../train-options';
import { reductionScale } from './reduction-scale';
import type { TrainingExample } from './training-example';

/** The loss the 'softmax' reduction exponentiates: a hinge, with a temperature to divide by. */
function softmaxLoss(loss: TripletLoss, temperature: number): HingeTripletLoss {
  if (!isHingeLoss(loss)) throw new Error(`softmax reduction needs a hinge loss, not ${loss.name}`);
  if (!(temperature > 0)) throw new Error('softmax reduction needs a temperature > 0');
  return loss;
}

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
  /** The 'softmax' reduction's temperature (required with it, a hinge loss only). */
  softmaxTemperature?: number;
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
  /** The hinge loss the 'softmax' reduction reads (null for every other reduction). */
  private readonly softmaxLoss: HingeTripletLoss | null;
  private readonly temperature: number;

  constructor(private readonly parts: TripletKernelParts) {
    this.temperature = parts.softmaxTemperature ?? 0;
    this.softmaxLoss =
      parts.reduction === 'softmax' ? softmaxLoss(parts.loss, this.temperature) : null;
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
    const scores = geometry.scoreRows(offsets, count + 1);
    const active = this.softmaxLoss
      ? this.evaluateSoftmax(this.softmaxLoss, scores, count)
      : this.evaluate(scores, count);
    this.tripletCount += count;
    if (active === 0 && this.positiveSlope === 0) return;
    this.userGradient.fill(0);
    const scale = this.softmaxLoss
      ? example.weight
      : reductionScale({
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

  /**
   * The 'softmax' reduction: L = log(1 + sum_k exp(v_k / t)) over the hinge arguments v_k, so
   * dL/dv_k = exp(v_k / t) / (t (1 + sum_j exp(v_j / t))) (computed with the largest exponent factored
   * out: t is small and v / t can pass f64's range). Every negative gets a (possibly tiny) gradient.
   */
  private evaluateSoftmax(loss: HingeTripletLoss, scores: Float64Array, count: number): number {
    const t = this.temperature;
    const scorePositive = scores[count];
    const exponents = this.negativeSlopes;
    let top = 0;
    for (let k = 0; k < count; k++) {
      exponents[k] = loss.violation(scorePositive, scores[k]) / t;
      if (exponents[k] > top) top = exponents[k];
    }
    // The derivatives of v are constants of the loss (+-1), the same for every k.
    const dPositive = loss.gradPositive;
    const dNegative = loss.gradNegative;
    let sum = Math.exp(-top);
    for (let k = 0; k < count; k++) {
      exponents[k] = Math.exp(exponents[k] - top);
      sum += exponents[k];
    }
    this.lossSum += top + Math.log(sum);
    let positiveSlope = 0;
    for (let k = 0; k < count; k++) {
      const slope = exponents[k] / (t * sum);
      positiveSlope += slope * dPositive;
      exponents[k] = slope * dNegative;
    }
    this.positiveSlope = positiveSlope;
    return count;
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
