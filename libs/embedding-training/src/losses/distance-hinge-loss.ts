import type { GeometryKind } from '../geometry/row-geometry';
import type { LossName } from '../train-options';
import type { HingeTripletLoss, LossParameters } from './triplet-loss';

/**
 * L = max(s(a, p) - s(a, n) + margin, 0) on a distance s: the hinge shared by `triplet` (Euclidean
 * distance) and `squared-triplet` (squared distance, CML); they differ only in the geometry.
 */
export abstract class DistanceHingeLoss implements HingeTripletLoss {
  abstract readonly name: LossName;
  abstract readonly geometry: GeometryKind;
  readonly metric = 'neg-l2' as const;
  gradPositive = 0;
  gradNegative = 0;
  private readonly margin: number;

  constructor(parameters: LossParameters) {
    this.margin = parameters.margin;
  }

  evaluate(distancePositive: number, distanceNegative: number): number {
    const violation = distancePositive - distanceNegative + this.margin;
    if (violation > 0) {
      this.gradPositive = 1;
      this.gradNegative = -1;
      return violation;
    }
    this.gradPositive = 0;
    this.gradNegative = 0;
    return 0;
  }

  violation(distancePositive: number, distanceNegative: number): number {
    this.gradPositive = 1;
    this.gradNegative = -1;
    return distancePositive - distanceNegative + this.margin;
  }
}
