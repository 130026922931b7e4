import type { HingeTripletLoss, LossParameters } from './triplet-loss';

/** L = max(cos(a, n) - cos(a, p) + margin, 0): the angular triplet loss. */
export class CosineTripletLoss implements HingeTripletLoss {
  readonly name = 'cosine-triplet' as const;
  readonly geometry = 'cosine' as const;
  readonly metric = 'cosine' as const;
  gradPositive = 0;
  gradNegative = 0;
  private readonly margin: number;

  constructor(parameters: LossParameters) {
    this.margin = parameters.margin;
  }

  evaluate(cosinePositive: number, cosineNegative: number): number {
    const violation = cosineNegative - cosinePositive + this.margin;
    if (violation > 0) {
      this.gradPositive = -1;
      this.gradNegative = 1;
      return violation;
    }
    this.gradPositive = 0;
    this.gradNegative = 0;
    return 0;
  }

  violation(cosinePositive: number, cosineNegative: number): number {
    this.gradPositive = -1;
    this.gradNegative = 1;
    return cosineNegative - cosinePositive + this.margin;
  }
}
