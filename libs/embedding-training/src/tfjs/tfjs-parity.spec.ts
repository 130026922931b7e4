import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { tripletLossBatch } from '../losses/triplet-loss-batch';
import { SeededRandom } from '../random/seeded-random';
import type { LossName } from '../train-options';
import { loadTensorFlow, type TensorFlow } from './load-tensorflow';
import { tfjsTripletLoss } from './tfjs-triplet-loss';

const LOSSES: LossName[] = [
  'triplet',
  'squared-triplet',
  'cosine-triplet',
  'soft-margin',
  'bpr',
  'cosine-contrastive',
];
const HINGES = new Set<LossName>(['triplet', 'squared-triplet', 'cosine-triplet']);
const BATCH = 64;
const DIM = 24;
const RELATIVE_TOLERANCE = 1e-4;
// tfjs computes in float32: values within a few float32 ulps of 0 cannot agree in relative terms.
const ABSOLUTE_FLOOR = 1e-6;

let tf: TensorFlow;
beforeAll(async () => {
  ({ tf } = await loadTensorFlow());
});

function randomRows(random: SeededRandom, scale: number): Float32Array {
  return Float32Array.from({ length: BATCH * DIM }, () => random.nextNormal() * scale);
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual).toHaveLength(expected.length);
  const worst = actual.reduce((max, value, i) => {
    const allowed =
      RELATIVE_TOLERANCE * Math.max(Math.abs(value), Math.abs(expected[i])) + ABSOLUTE_FLOOR;
    return Math.max(max, Math.abs(value - expected[i]) / allowed);
  }, 0);
  expect(worst).toBeLessThanOrEqual(1);
}

describe.each(LOSSES)('%s loss matches TensorFlow.js autodiff', (loss) => {
  const options = { loss, margin: 0.3, negativeWeight: 2 };

  it.each([1, 2, 3])('on random batch %i: values and gradients', (seed) => {
    const random = new SeededRandom(seed * 101);
    // Small rows make about half of the hinge triplets active, so both branches are compared.
    const batch = {
      anchor: randomRows(random, 0.15),
      positive: randomRows(random, 0.15),
      negative: randomRows(random, 0.15),
      dim: DIM,
    };
    const kernel = tripletLossBatch(batch, options);
    const tensorsBefore = tf.memory().numTensors;
    const reference = tf.tidy(() => {
      const rows = [batch.anchor, batch.positive, batch.negative].map((values) =>
        tf.tensor2d(values, [BATCH, DIM]),
      ) as [Tensor2D, Tensor2D, Tensor2D];
      const perRow = (a: Tensor, p: Tensor, n: Tensor) =>
        tfjsTripletLoss(tf, {
          ...options,
          anchor: a as Tensor2D,
          positive: p as Tensor2D,
          negative: n as Tensor2D,
        });
      const grads = tf.grads((a, p, n) => tf.sum(perRow(a, p, n)))(rows);
      return [perRow(...rows), ...grads].map((tensor) => tensor.dataSync() as Float32Array);
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const active = kernel.losses.filter((value) => value > 0).length;
    expect(active).toBeGreaterThan(0);
    if (HINGES.has(loss)) expect(active).toBeLessThan(BATCH);
    expectClose(kernel.losses, reference[0]);
    expectClose(kernel.gradAnchor, reference[1]);
    expectClose(kernel.gradPositive, reference[2]);
    expectClose(kernel.gradNegative, reference[3]);
  });
});
