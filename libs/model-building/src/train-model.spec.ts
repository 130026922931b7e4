import { DomainError, type PositiveInteraction, type TrainingSet } from '@recsys/domain';
import { buildServingModel, CatalogueSnapshot, recommendForUser } from '@recsys/recommendations';
import { generateTasteClusters } from '@recsys/synthetic-data';
import { classifyInteraction, DEFAULT_INTERACTION_SIGNALS, deriveTriplets } from '@recsys/triplets';
import { indexTrainingSet } from './index-training-set';
import { toModelSnapshot } from './to-model-snapshot';
import { trainModel, type ModelTrainingOptions } from './train-model';

const data = generateTasteClusters({
  seed: 3,
  clusterCount: 4,
  itemsPerCluster: 25,
  usersPerCluster: 10,
  positivesPerUser: 12,
  noiseRate: 0,
  impressionsPerUser: 2,
  shownPerImpression: 4,
  dislikesPerUser: 2,
  start: new Date('2026-01-01T00:00:00Z'),
  eventIdPrefix: 't',
});

function trainingSetOf(): TrainingSet {
  const classified = data.events.map((e) => classifyInteraction(e, DEFAULT_INTERACTION_SIGNALS));
  const best = new Map<string, PositiveInteraction>();
  for (const { event, polarity, weight } of classified) {
    const key = `${event.userId}\u0000${event.itemId}`;
    if (polarity === 1 && weight > (best.get(key)?.weight ?? 0)) {
      best.set(key, { userId: event.userId, itemId: event.itemId, weight });
    }
  }
  const triplets = deriveTriplets(classified, new Map(), { maxTripletsPerEvent: 20 });
  return { positives: [...best.values()], triplets };
}

const options: ModelTrainingOptions = {
  train: { dim: 16, epochs: 15, seed: 1, threads: 1 },
  negatives: 'auto',
  holdoutRatio: 0.2,
  evaluationK: 10,
  splitSeed: 5,
  minRecall: 0,
  evaluationThreads: 1,
  nowMs: () => 0,
};

describe('trainModel', () => {
  it('calls onEpochEnd after every epoch with the resolved options, and stops on a throw', async () => {
    const seen: [number, number][] = [];
    await trainModel(trainingSetOf(), {
      ...options,
      train: { ...options.train, epochs: 3 },
      onEpochEnd: (report, trainOptions) => {
        seen.push([report.epoch, trainOptions.epochs]);
        return 'continue';
      },
    });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const cancelled = new DomainError('JOB_STOPPED', 'cancelled');
    let epochsRun = 0;
    const run = trainModel(trainingSetOf(), {
      ...options,
      onEpochEnd: (report) => {
        epochsRun = report.epoch;
        if (report.epoch === 2) throw cancelled;
        return 'continue';
      },
    });
    await expect(run).rejects.toBe(cancelled);
    expect(epochsRun).toBe(2);
  });

  it('learns planted taste: held-out recall far above random and recommendations from the own cluster', async () => {
    const set = trainingSetOf();
    const model = await trainModel(set, options);
    const randomRecall = 10 / model.indexed.itemIds.length;
    expect(model.metrics['recall@10']).toBeGreaterThan(3 * randomRecall);
    const snapshot = toModelSnapshot(model, {
      version: 'v1',
      createdAt: '2026-01-01T00:00:00Z',
      popularLimit: 50,
    });
    const context = {
      model: buildServingModel(snapshot),
      catalogue: new CatalogueSnapshot(),
      popular: [],
      realtimeWeight: 0,
      maxRecentLiked: 0,
    };
    const filters = { limit: 10, offset: 0, excludeItemIds: new Set<string>(), excludeSeen: true };
    const clusterOf = new Map(data.items.map((i) => [i.itemId, i.cluster]));
    let inCluster = 0;
    let total = 0;
    for (const user of data.users) {
      for (const item of recommendForUser(context, { userId: user.userId, recent: [] }, filters)
        .items) {
        total++;
        if (clusterOf.get(item.itemId) === user.cluster) inCluster++;
      }
    }
    expect(inCluster / total).toBeGreaterThan(0.8);
  });

  it('refuses to train without liked interactions', async () => {
    await expect(trainModel({ positives: [], triplets: [] }, options)).rejects.toMatchObject({
      code: 'NO_TRAINING_DATA',
    });
  });

  it('fails the quality gate when held-out recall is below the bar', async () => {
    const error = await trainModel(trainingSetOf(), { ...options, minRecall: 1.01 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('QUALITY_GATE_FAILED');
  });
});

describe('indexTrainingSet', () => {
  it('gives ids dense indices in order of first appearance and marks liked and unliked items as seen', () => {
    const indexed = indexTrainingSet({
      positives: [
        { userId: 'u1', itemId: 'a', weight: 2 },
        { userId: 'u2', itemId: 'b', weight: 1 },
      ],
      triplets: [{ userId: 'u1', positiveItemId: 'a', negativeItemId: 'c', sourceEventId: 'e' }],
    });
    expect(indexed.userIds).toEqual(['u1', 'u2']);
    expect(indexed.itemIds).toEqual(['a', 'b', 'c']);
    expect([...indexed.data.positives.weights]).toEqual([2, 1]);
    expect([...indexed.data.explicitTriplets.negatives]).toEqual([2]);
    const seenPairs = [...indexed.seen.users].map((u, i) => `${u}:${indexed.seen.items[i]}`);
    expect(new Set(seenPairs)).toEqual(new Set(['0:0', '1:1', '0:2']));
  });
});
