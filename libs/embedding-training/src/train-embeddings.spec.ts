import { DomainError } from '@recsys/domain';
import { hitRateAtK } from './testing/hit-rate-at-k';
import { CHANCE_AT_10, PLANTED_TASTES, SMALL_TRAINING } from './testing/planted-taste-fixture';
import { trainEmbeddings } from './train-embeddings';

const planted = PLANTED_TASTES;
const small = SMALL_TRAINING;

describe('trainEmbeddings', () => {
  it('learns planted taste clusters far above chance', async () => {
    const model = await trainEmbeddings(planted.data, small);
    const hitRate = hitRateAtK(model, { ...planted, k: 10 });
    expect(hitRate).toBeGreaterThan(5 * CHANCE_AT_10);
    expect(model.metric).toBe('neg-l2');
    expect(model.userVectors).toHaveLength(200 * 16);
    expect(model.itemVectors).toHaveLength(400 * 16);
  });

  it('gives bit-identical embeddings for the same seed in one thread', async () => {
    const first = await trainEmbeddings(planted.data, { ...small, epochs: 3 });
    const second = await trainEmbeddings(planted.data, { ...small, epochs: 3 });
    const other = await trainEmbeddings(planted.data, { ...small, epochs: 3, seed: 4 });
    expect(Buffer.from(second.itemVectors.buffer)).toEqual(Buffer.from(first.itemVectors.buffer));
    expect(Buffer.from(second.userVectors.buffer)).toEqual(Buffer.from(first.userVectors.buffer));
    expect(Buffer.from(other.itemVectors.buffer)).not.toEqual(
      Buffer.from(first.itemVectors.buffer),
    );
  });

  it('reports every epoch and lowers the loss', async () => {
    const clock = { ms: 0 };
    const uniform = { ...small, negativeMix: { uniform: 1 } };
    const model = await trainEmbeddings(planted.data, uniform, { nowMs: () => (clock.ms += 250) });
    expect(model.epochs.map((report) => report.epoch)).toEqual(
      Array.from({ length: 15 }, (_, index) => index + 1),
    );
    const pairs = planted.data.positives.users.length;
    expect(model.epochs[0].triplets).toBeGreaterThanOrEqual(pairs * 4);
    expect(model.epochs[0].seconds).toBe(0.25);
    expect(model.epochs[14].meanLoss).toBeLessThan(model.epochs[0].meanLoss * 0.6);
  });

  it('warm-starts from given tables: one epoch on a trained model keeps its quality', async () => {
    const trained = await trainEmbeddings(planted.data, small);
    const initialTables = { users: trained.userVectors, items: trained.itemVectors };
    const before = trained.userVectors.slice();
    const warm = await trainEmbeddings(planted.data, { ...small, epochs: 1 }, { initialTables });
    const cold = await trainEmbeddings(planted.data, { ...small, epochs: 1 });
    const warmHits = hitRateAtK(warm, { ...planted, k: 10 });
    expect(warmHits).toBeGreaterThan(5 * CHANCE_AT_10);
    expect(warmHits).toBeGreaterThan(hitRateAtK(cold, { ...planted, k: 10 }));
    // The given tables are copied, never trained in place.
    expect(Buffer.from(trained.userVectors.buffer)).toEqual(Buffer.from(before.buffer));
    expect(Buffer.from(warm.userVectors.buffer)).not.toEqual(
      Buffer.from(trained.userVectors.buffer),
    );
    const wrong = { users: new Float32Array(3), items: trained.itemVectors };
    await expect(trainEmbeddings(planted.data, small, { initialTables: wrong })).rejects.toThrow(
      /initialTables/,
    );
  });

  it('stops when onEpochEnd says so and hands it the live model', async () => {
    const seen: number[] = [];
    const model = await trainEmbeddings(planted.data, small, {
      onEpochEnd: (report, live) => {
        seen.push(live.itemVectors.length);
        return report.epoch === 2 ? 'stop' : 'continue';
      },
    });
    expect(model.epochs).toHaveLength(2);
    expect(seen).toEqual([400 * 16, 400 * 16]);
  });

  it('rejects bad options with every problem listed', async () => {
    const attempt = trainEmbeddings(planted.data, {
      dim: 0,
      learningRate: -1,
      loss: 'nope' as never,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_TRAIN_OPTIONS',
      details: {
        problems: [
          expect.stringContaining('dim'),
          expect.stringContaining('learningRate'),
          expect.stringContaining('loss'),
        ],
      },
    });
  });

  it('rejects indices outside the declared counts', async () => {
    const data = { ...planted.data, itemCount: 10 };
    await expect(trainEmbeddings(data, small)).rejects.toMatchObject({
      code: 'INVALID_TRAINING_DATA',
    });
  });
});
