import { DistanceHingeLoss } from './distance-hinge-loss';

/** L = max(d(a, p) - d(a, n) + margin, 0) with d the Euclidean distance (not squared). */
export class TripletMarginLoss extends DistanceHingeLoss {
  readonly name = 'triplet' as const;
  readonly geometry = 'euclidean' as const;
}
