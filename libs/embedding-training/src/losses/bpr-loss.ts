import { sigmoid, softplus, type TripletLoss } from './triplet-loss';

/** L = -log sigmoid(a.p - a.n) = softplus(a.n - a.p): Bayesian personalised ranking, the baseline. */
export class BprLoss implements TripletLoss {
  readonly name = 'bpr' as const;
  readonly geometry = 'dot' as const;
  readonly metric = 'dot' as const;
  gradPositive = 0;
  gradNegative = 0;

  evaluate(dotPositive: number, dotNegative: number): number {
    const x = dotNegative - dotPositive;
    const slope = sigmoid(x);
    this.gradPositive = -slope;
    this.gradNegative = slope;
    return softplus(x);
  }
}
