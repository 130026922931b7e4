import type { LossParameters, TripletLoss } from './triplet-loss';

/** L = max(d(a, p)^2 - d(a, n)^2 + margin, 0): CML's hinge on squared Euclidean distances. */
export class SquaredTripletLoss implements TripletLoss {
  readonly name = 'squared-triplet' as const;
  readonly geometry = 'squared-euclidean' as const;
  readonly metric = 'neg-l2' as const;
  gradPositive = 0;
  gradNegative = 0;
  private readonly margin: number;

  constructor(parameters: LossParameters) {
    this.margin = parameters.margin;
  }

  evaluate(squaredPositive: number, squaredNegative: number): number {
    const violation = squaredPositive - squaredNegative + this.margin;
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
