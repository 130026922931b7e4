import type { LossName } from '../train-options';
import { BprLoss } from './bpr-loss';
import { CosineContrastiveLoss } from './cosine-contrastive-loss';
import { CosineTripletLoss } from './cosine-triplet-loss';
import { SoftMarginTripletLoss } from './soft-margin-triplet-loss';
import { SquaredTripletLoss } from './squared-triplet-loss';
import type { LossParameters, TripletLoss } from './triplet-loss';
import { TripletMarginLoss } from './triplet-margin-loss';

/** Builds the loss called `name`. */
export function createTripletLoss(name: LossName, parameters: LossParameters): TripletLoss {
  switch (name) {
    case 'triplet':
      return new TripletMarginLoss(parameters);
    case 'squared-triplet':
      return new SquaredTripletLoss(parameters);
    case 'cosine-triplet':
      return new CosineTripletLoss(parameters);
    case 'soft-margin':
      return new SoftMarginTripletLoss(parameters);
    case 'bpr':
      return new BprLoss();
    case 'cosine-contrastive':
      return new CosineContrastiveLoss(parameters);
  }
}
