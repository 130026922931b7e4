import type { TrainedEmbeddings, TrainHooks, TrainingData } from '@recsys/embedding-training';
import { carveValidation } from './carve-validation';
import { trainWithEarlyStopping, TrainFunction } from './early-stopping';

// One user who liked items 0-3; items 4 and 5 were never liked. Half the likes are held out.
const data: TrainingData = {
  userCount: 1,
  itemCount: 6,
  positives: {
    users: new Int32Array(4),
    items: Int32Array.of(0, 1, 2, 3),
    weights: new Float32Array(4).fill(1),
  },
  explicitTriplets: {
    users: new Int32Array(0),
    positives: new Int32Array(0),
    negatives: new Int32Array(0),
  },
};
const seed = 3;
const held = Array.from(carveValidation(data, { fraction: 0.5, seed }).validation.items);

/** 1-d items under 'dot' with user vector 1: `hits` held-out items score 1, the rest 0 or less. */
function itemsWithHits(hits: number): number[] {
  return Array.from({ length: 6 }, (_, item) => {
    const rank = held.indexOf(item);
    return rank < 0 ? 0 : rank < hits ? 1 : -1;
  });
}

/** A scripted trainer that mutates one live table per epoch, as the engine does. */
function scriptedTrainer(hitsPerEpoch: number[]): {
  train: TrainFunction;
  epochsRun: () => number;
} {
  let epochsRun = 0;
  const train: TrainFunction = async (_data, options, hooks?: TrainHooks) => {
    const model: TrainedEmbeddings = {
      dim: 1,
      metric: 'dot',
      userVectors: Float32Array.of(1),
      itemVectors: new Float32Array(6),
      epochs: [],
      path: 'composed',
    };
    for (let epoch = 1; epoch <= (options.epochs ?? 0); epoch++) {
      epochsRun = epoch;
      model.itemVectors.set(itemsWithHits(hitsPerEpoch[epoch - 1]));
      const report = { epoch, meanLoss: 0, triplets: 0, seconds: 0 };
      if ((await hooks?.onEpochEnd?.(report, model)) === 'stop') break;
    }
    return model;
  };
  return { train, epochsRun: () => epochsRun };
}

describe('trainWithEarlyStopping', () => {
  const stopping = {
    validationFraction: 0.5,
    seed,
    evaluateEveryEpochs: 1,
    patience: 2,
    k: 2,
    monitor: 'recall' as const,
  };

  it('keeps a copy of the best model and stops after `patience` evaluations without gain', async () => {
    expect(held).toHaveLength(2);
    const scripted = scriptedTrainer([1, 2, 1, 2, 2, 2]);
    const result = await trainWithEarlyStopping(
      scripted.train,
      { data, options: { epochs: 6 } },
      stopping,
    );
    expect(scripted.epochsRun()).toBe(4);
    expect(result.history.map((entry) => entry.metrics.recall)).toEqual([0.5, 1, 0.5, 1]);
    expect(result.bestEpoch).toBe(2);
    expect(result.bestMetrics.recall).toBe(1);
    expect(Array.from(result.model.itemVectors)).toEqual(itemsWithHits(2));
  });

  it('evaluates every N epochs and at the last epoch, and passes the caller’s hook through', async () => {
    const seen: number[] = [];
    const evaluated: number[] = [];
    const result = await trainWithEarlyStopping(
      scriptedTrainer([0, 0, 1, 0, 2]).train,
      {
        data,
        options: { epochs: 5 },
        hooks: { onEpochEnd: (report) => (seen.push(report.epoch), 'continue') },
      },
      { ...stopping, evaluateEveryEpochs: 2, onEvaluation: (epoch) => evaluated.push(epoch) },
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(evaluated).toEqual([2, 4, 5]);
    expect(result.bestEpoch).toBe(5);
  });

  it('fails clearly when training ends before any validation', async () => {
    await expect(
      trainWithEarlyStopping(
        scriptedTrainer([1]).train,
        { data, options: {} },
        { ...stopping, evaluateEveryEpochs: 5 },
      ),
    ).rejects.toThrow('before the first validation');
  });
});
