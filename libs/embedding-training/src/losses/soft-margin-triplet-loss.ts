import { sigmoid, softplus, type LossParameters, type TripletLoss } from './triplet-loss';

/**
 * L = softplus(d(a, p) - d(a, n) + margin), Euclidean d: the smooth "soft margin" of Hermans et al.
 * (their form is margin = 0); it never goes flat, so easy triplets still pull a little.
 */
export class SoftMarginTripletLoss implements TripletLoss {
  readonly name = 'soft-margin' as const;
  readonly geometry = 'euclidean' as const;
  readonly metric = 'neg-l2' as const;
  gradPositive = 0;
  gradNegative = 0;
  private readonly margin: number;

  constructor(parameters: LossParameters) {
    this.margin = parameters.margin;
  }

  evaluate(distancePositive: number, distanceNegative: number): number {
    const x = distancePositive - distanceNegative + this.margin;
    const slope = sigmoid(x);
    this.gradPositive = slope;
    this.gradNegative = -slope;
    return softplus(x);
  }
}
