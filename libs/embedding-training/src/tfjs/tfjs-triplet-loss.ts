import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { LossName } from '../train-options';
import type { TensorFlow } from './load-tensorflow';

/** A batch of triplets as tensors ([batch, dim] each) and the loss to apply. */
export interface TfjsTripletInput {
  anchor: Tensor2D;
  positive: Tensor2D;
  negative: Tensor2D;
  loss: LossName;
  margin: number;
  negativeWeight: number;
}

/**
 * The per-triplet losses [batch] written with TensorFlow.js ops, straight from their definitions, so that
 * tfjs autodiff gives an independent reference for the kernel's hand-written gradients.
 */
export function tfjsTripletLoss(tf: TensorFlow, input: TfjsTripletInput): Tensor1D {
  return perTripletLoss(tf, input) as Tensor1D;
}

function perTripletLoss(tf: TensorFlow, input: TfjsTripletInput): Tensor {
  const { anchor, positive, negative, margin, negativeWeight } = input;
  const distance = (x: Tensor2D) => tf.sqrt(tf.sum(tf.square(tf.sub(anchor, x)), 1));
  const squared = (x: Tensor2D) => tf.sum(tf.square(tf.sub(anchor, x)), 1);
  const dot = (x: Tensor2D) => tf.sum(tf.mul(anchor, x), 1);
  const cosine = (x: Tensor2D) =>
    tf.div(dot(x), tf.mul(tf.norm(anchor, 'euclidean', 1), tf.norm(x, 'euclidean', 1)));
  switch (input.loss) {
    case 'triplet':
      return tf.relu(tf.add(tf.sub(distance(positive), distance(negative)), margin));
    case 'squared-triplet':
      return tf.relu(tf.add(tf.sub(squared(positive), squared(negative)), margin));
    case 'cosine-triplet':
      return tf.relu(tf.add(tf.sub(cosine(negative), cosine(positive)), margin));
    case 'soft-margin':
      return tf.softplus(tf.add(tf.sub(distance(positive), distance(negative)), margin));
    case 'bpr':
      // -log sigmoid(x) = softplus(-x); tf.logSigmoid's gradient reads a disposed tensor in tfjs 4.22.
      return tf.softplus(tf.sub(dot(negative), dot(positive)));
    case 'cosine-contrastive':
      return tf.add(
        tf.sub(1, cosine(positive)),
        tf.mul(negativeWeight, tf.relu(tf.sub(cosine(negative), margin))),
      );
  }
}
