import { hitRateAtK } from '../testing/hit-rate-at-k';
import { plantedClusters } from '../testing/planted-clusters';
import { trainEmbeddings } from '../train-embeddings';
import type { TrainOptions } from '../train-options';

const planted = plantedClusters({
  userCount: 120,
  itemCount: 240,
  clusterCount: 6,
  likesPerUser: 8,
  seed: 21,
});
const options: Partial<TrainOptions> = {
  dim: 16,
  epochs: 10,
  seed: 8,
  batchSize: 128,
  negativesPerPositive: 4,
  negativeMix: { uniform: 1 },
};

describe("engine: 'tfjs'", () => {
  it('trains the same model as the kernel through TensorFlow.js', async () => {
    const kernel = await trainEmbeddings(planted.data, options);
    const tfjs = await trainEmbeddings(planted.data, { ...options, engine: 'tfjs' });
    expect(tfjs.metric).toBe('neg-l2');
    expect([kernel.path, tfjs.path]).toEqual(['composed', 'tfjs']);
    expect(tfjs.epochs).toHaveLength(10);
    expect(tfjs.epochs[0].triplets).toBe(kernel.epochs[0].triplets);
    // Same initial tables and samples: the first epoch's loss is the same up to batching.
    expect(tfjs.epochs[0].meanLoss).toBeCloseTo(kernel.epochs[0].meanLoss, 1);
    expect(tfjs.epochs[9].meanLoss).toBeLessThan(tfjs.epochs[0].meanLoss * 0.6);
    expect(hitRateAtK(tfjs, { ...planted, k: 10 })).toBeGreaterThan(4 * (10 / 240));
  });
});
