import type { LossParameters, TripletLoss } from './triplet-loss';

/**
 * SimpleX's cosine contrastive loss, per triplet: L = (1 - cos(a, p)) + w * max(cos(a, n) - margin, 0).
 * Averaged over the K negatives of a pair this is (1 - cos(a, p)) + w / K * sum_n max(cos(a, n) - margin, 0).
 */
export class CosineContrastiveLoss implements TripletLoss {
  readonly name = 'cosine-contrastive' as const;
  readonly geometry = 'cosine' as const;
  readonly metric = 'cosine' as const;
  gradPositive = -1;
  gradNegative = 0;
  private readonly margin: number;
  private readonly negativeWeight: number;

  constructor(parameters: LossParameters) {
    this.margin = parameters.margin;
    this.negativeWeight = parameters.negativeWeight;
  }

  evaluate(cosinePositive: number, cosineNegative: number): number {
    const excess = cosineNegative - this.margin;
    this.gradPositive = -1;
    if (excess > 0) {
      this.gradNegative = this.negativeWeight;
      return 1 - cosinePositive + this.negativeWeight * excess;
    }
    this.gradNegative = 0;
    return 1 - cosinePositive;
  }
}
