import { hitRateAtK } from '../testing/hit-rate-at-k';
import { plantedClusters } from '../testing/planted-clusters';
import { trainEmbeddings } from '../train-embeddings';
import { agreedPath } from './worker-executor';

const planted = plantedClusters({
  userCount: 200,
  itemCount: 400,
  clusterCount: 8,
  likesPerUser: 10,
  seed: 11,
});

describe('Hogwild training in worker threads', () => {
  it('trains with two workers on shared tables (worker module loaded from TypeScript under jest)', async () => {
    const model = await trainEmbeddings(planted.data, { dim: 16, epochs: 15, seed: 5, threads: 2 });
    // The result leaves shared memory: ordinary arrays the caller may transfer.
    expect(Object.prototype.toString.call(model.itemVectors.buffer)).toBe('[object ArrayBuffer]');
    expect(model.epochs).toHaveLength(15);
    const pairs = planted.data.positives.users.length;
    expect(model.epochs[0].triplets).toBeGreaterThanOrEqual(pairs * 4);
    expect(hitRateAtK(model, { ...planted, k: 10 })).toBeGreaterThan(5 * (10 / 400));
  });
});

describe('agreedPath', () => {
  it("is the threads' kernels when they agree, mixed when they do not", () => {
    expect(agreedPath(['user-visits'])).toBe('user-visits');
    expect(agreedPath(['composed', 'composed', 'composed'])).toBe('composed');
    expect(agreedPath(['user-visits', 'composed'])).toBe('mixed');
    expect(agreedPath(['composed', 'composed', 'user-visits'])).toBe('mixed');
    expect(() => agreedPath([])).toThrow(/at least one thread/);
  });
});
