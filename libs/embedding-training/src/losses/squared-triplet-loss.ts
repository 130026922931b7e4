import { DistanceHingeLoss } from './distance-hinge-loss';

/** L = max(d(a, p)^2 - d(a, n)^2 + margin, 0): CML's hinge on squared Euclidean distances. */
export class SquaredTripletLoss extends DistanceHingeLoss {
  readonly name = 'squared-triplet' as const;
  readonly geometry = 'squared-euclidean' as const;
}
