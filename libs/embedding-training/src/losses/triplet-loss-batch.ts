import { createRowGeometry } from '../geometry/create-row-geometry';
import type { LossName } from '../train-options';
import { createTripletLoss } from './create-triplet-loss';
import type { LossParameters } from './triplet-loss';

/** A batch of triplets as row-major rows. anchor, positive, negative: [batch, dim]. */
export interface TripletBatch {
  anchor: Float32Array;
  positive: Float32Array;
  negative: Float32Array;
  dim: number;
}

/** Per-triplet losses [batch] and the gradients of their sum with respect to every row [batch, dim]. */
export interface TripletBatchResult {
  losses: Float32Array;
  gradAnchor: Float32Array;
  gradPositive: Float32Array;
  gradNegative: Float32Array;
}

/**
 * Value and analytic gradient of a loss over a batch, computed with the very geometry and loss objects the
 * training kernel uses (so checking this against autodiff checks the kernel's maths).
 */
export function tripletLossBatch(
  batch: TripletBatch,
  options: { loss: LossName } & LossParameters,
): TripletBatchResult {
  const { anchor, positive, negative, dim } = batch;
  const rows = anchor.length / dim;
  const loss = createTripletLoss(options.loss, options);
  const positiveGeometry = createRowGeometry(loss.geometry, {
    anchors: anchor,
    others: positive,
    dim,
  });
  const negativeGeometry = createRowGeometry(loss.geometry, {
    anchors: anchor,
    others: negative,
    dim,
  });
  const result: TripletBatchResult = {
    losses: new Float32Array(rows),
    gradAnchor: new Float32Array(rows * dim),
    gradPositive: new Float32Array(rows * dim),
    gradNegative: new Float32Array(rows * dim),
  };
  const anchorGrad = new Float64Array(dim);
  const positiveGrad = new Float64Array(dim);
  const negativeGrad = new Float64Array(dim);
  for (let row = 0; row < rows; row++) {
    const offset = row * dim;
    positiveGeometry.setAnchor(offset);
    negativeGeometry.setAnchor(offset);
    const value = loss.evaluate(positiveGeometry.score(offset), negativeGeometry.score(offset));
    result.losses[row] = value;
    anchorGrad.fill(0);
    positiveGeometry.addGradients(anchorGrad, positiveGrad, loss.gradPositive, 0);
    negativeGeometry.addGradients(anchorGrad, negativeGrad, loss.gradNegative, 0);
    result.gradAnchor.set(anchorGrad, offset);
    result.gradPositive.set(positiveGrad, offset);
    result.gradNegative.set(negativeGrad, offset);
  }
  return result;
}
