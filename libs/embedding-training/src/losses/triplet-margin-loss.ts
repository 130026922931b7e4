import type { LossParameters, TripletLoss } from './triplet-loss';

/** L = max(d(a, p) - d(a, n) + margin, 0) with d the Euclidean distance (not squared). */
export class TripletMarginLoss implements TripletLoss {
  readonly name = 'triplet' as const;
  readonly geometry = 'euclidean' as const;
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
}
