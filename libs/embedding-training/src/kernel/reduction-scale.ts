import type { NegativeReduction } from '../train-options';

/**
 * The factor on each triplet's gradient in an example of `count` triplets of which `active` violate the
 * margin. 'rank-weighted' is WARP / CML: log(1 + estimated rank of the positive), the rank estimated from
 * the share of sampled negatives that violate the margin, spread over the active triplets.
 */
export function reductionScale(example: {
  reduction: NegativeReduction;
  weight: number;
  count: number;
  active: number;
  itemCount: number;
}): number {
  const { weight, count, active } = example;
  switch (example.reduction) {
    case 'mean':
      return weight / count;
    case 'sum':
      return weight;
    case 'softmax':
      // The kernel weighs a softmax example's triplets itself (TripletKernel.evaluateSoftmax).
      return weight;
    case 'rank-weighted':
      return (
        (weight * Math.log1p(((example.itemCount - 1) * active) / count)) / Math.max(active, 1)
      );
  }
}
