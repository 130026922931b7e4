import type { SimilarityMetric } from '@recsys/domain';
import type { GeometryKind } from '../geometry/row-geometry';
import type { LossName } from '../train-options';

/**
 * A loss of one triplet written as a function of two scores: s(a, p) of the anchor and its positive and
 * s(a, n) of the anchor and its negative, under `geometry`. The kernel chains the two partial derivatives
 * through the geometry's row gradients. `evaluate` stores them in fields so the hot path allocates nothing.
 */
export interface TripletLoss {
  readonly name: LossName;
  readonly geometry: GeometryKind;
  /** How a trained model scores items (higher = better). */
  readonly metric: SimilarityMetric;
  /** dL/ds(a, p) of the last evaluated triplet. */
  gradPositive: number;
  /** dL/ds(a, n) of the last evaluated triplet. */
  gradNegative: number;
  /** The loss of one triplet; also sets gradPositive and gradNegative. */
  evaluate(scorePositive: number, scoreNegative: number): number;
}

/** A hinge loss max(v, 0): its argument v is what the 'softmax' reduction exponentiates. */
export interface HingeTripletLoss extends TripletLoss {
  /** The hinge's argument v (unclipped); sets gradPositive / gradNegative to dv/ds(a, p) and dv/ds(a, n). */
  violation(scorePositive: number, scoreNegative: number): number;
}

/** True for the losses with a hinge argument. */
export function isHingeLoss(loss: TripletLoss): loss is HingeTripletLoss {
  return typeof (loss as Partial<HingeTripletLoss>).violation === 'function';
}

/** Hyper-parameters shared by the losses (each uses what it needs). */
export interface LossParameters {
  margin: number;
  /** 'cosine-contrastive' only: weight of the negative term. */
  negativeWeight: number;
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + e^-x) without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
