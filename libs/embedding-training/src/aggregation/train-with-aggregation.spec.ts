import { hitRateAtK } from '../testing/hit-rate-at-k';
import { CHANCE_AT_10, PLANTED_TASTES, SMALL_TRAINING } from '../testing/planted-taste-fixture';
import { trainEmbeddings } from '../train-embeddings';
import type { TrainOptions } from '../train-options';

const planted = PLANTED_TASTES;
const small = SMALL_TRAINING;
const train: Partial<TrainOptions> = { userAggregation: 0.5, userAggregationMode: 'train' };

describe('trainEmbeddings with userAggregationMode train', () => {
  it('learns planted taste clusters far above chance', async () => {
    const model = await trainEmbeddings(planted.data, { ...small, ...train });
    expect(hitRateAtK(model, { ...planted, k: 10 })).toBeGreaterThan(5 * CHANCE_AT_10);
    expect(model.userVectors).toHaveLength(200 * 16);
  });

  it('is bit-identical for the same seed in one thread, and not the export-mode model', async () => {
    const options = { ...small, ...train, epochs: 3 };
    const first = await trainEmbeddings(planted.data, options);
    const second = await trainEmbeddings(planted.data, options);
    const exported = await trainEmbeddings(planted.data, { ...options, userAggregationMode: 'export' }); // prettier-ignore
    expect(Buffer.from(second.userVectors.buffer)).toEqual(Buffer.from(first.userVectors.buffer));
    expect(Buffer.from(second.itemVectors.buffer)).toEqual(Buffer.from(first.itemVectors.buffer));
    expect(Buffer.from(exported.itemVectors.buffer)).not.toEqual(
      Buffer.from(first.itemVectors.buffer),
    );
  });

  it('trains with Hogwild workers, each on its own scratch rows', async () => {
    const model = await trainEmbeddings(planted.data, { ...small, ...train, threads: 2 });
    expect(hitRateAtK(model, { ...planted, k: 10 })).toBeGreaterThan(5 * CHANCE_AT_10);
  });

  it('refuses the tfjs engine', async () => {
    await expect(
      trainEmbeddings(planted.data, { ...small, ...train, engine: 'tfjs' }),
    ).rejects.toThrow('userAggregationMode=train needs the kernel engine');
  });
});
