import { DomainError, type PositiveInteraction, type TrainingSet } from '@recsys/domain';
import { buildServingModel, CatalogueSnapshot, recommendForUser } from '@recsys/recommendations';
import { generateTasteClusters } from '@recsys/synthetic-data';
import { classifyInteraction, DEFAULT_INTERACTION_SIGNALS, deriveTriplets } from '@recsys/triplets';
import { trainEmbeddings } from '@recsys/embedding-training';
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
    const likedAtMs = Date.parse(event.timestamp);
    const known = best.get(key);
    if (polarity === 1) {
      best.set(key, {
        userId: event.userId,
        itemId: event.itemId,
        weight: Math.max(weight, known?.weight ?? 0),
        likedAtMs: Math.max(likedAtMs, known?.likedAtMs ?? 0),
      });
    }
  }
  const triplets = deriveTriplets(classified, new Map(), { maxTripletsPerEvent: 20 });
  return { positives: [...best.values()], triplets };
}

/** The set as it was before each user's most recent likes (the last `share` of them) happened. */
function earlierPart(set: TrainingSet, share: number): TrainingSet {
  const byUser = new Map<string, PositiveInteraction[]>();
  for (const p of set.positives) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  const later = new Set<string>();
  for (const likes of byUser.values()) {
    likes.sort((a, b) => a.likedAtMs - b.likedAtMs);
    for (const p of likes.slice(likes.length - Math.round(share * likes.length))) {
      later.add(`${p.userId}\u0000${p.itemId}`);
    }
  }
  const isLater = (userId: string, itemId: string) => later.has(`${userId}\u0000${itemId}`);
  return {
    positives: set.positives.filter((p) => !isLater(p.userId, p.itemId)),
    triplets: set.triplets.filter((t) => !isLater(t.userId, t.positiveItemId)),
  };
}

const options: ModelTrainingOptions = {
  train: { dim: 16, epochs: 15, seed: 1, threads: 1 },
  negatives: 'auto',
  holdoutRatio: 0.2,
  evaluationK: 10,
  minRecall: 0,
  gateTolerance: 0.02,
  serving: null,
  finalFit: 'retrain',
  warmStartEpochs: 3,
  evaluationThreads: 1,
  nowMs: () => 0,
};

describe('trainModel', () => {
  it('calls onEpochEnd after every epoch (the final fit numbered on) with every planned epoch, and stops on a throw', async () => {
    const seen: [number, number][] = [];
    await trainModel(trainingSetOf(), {
      ...options,
      train: { ...options.train, epochs: 3 },
      onEpochEnd: (report, trainOptions) => {
        seen.push([report.epoch, trainOptions.epochs]);
        return 'continue';
      },
    });
    // 3 epochs of the candidate, then 3 of the retrain on every row (the gate passed: no serving model).
    expect(seen).toEqual([
      [1, 6],
      [2, 6],
      [3, 6],
      [4, 6],
      [5, 6],
      [6, 6],
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

  it('rejects a first model below the floor, with its figure, and keeps the candidate vectors', async () => {
    const model = await trainModel(trainingSetOf(), { ...options, minRecall: 1 });
    expect(model.rejected).toMatch(/^held-out recall@10 0\.\d{4} is below the floor 1$/);
    expect(model.metrics).not.toHaveProperty('finalFitSeconds');
  });

  it('refuses diverged vectors with QUALITY_GATE_FAILED', async () => {
    const error = await trainModel(trainingSetOf(), {
      ...options,
      train: { ...options.train, learningRate: 1e38, maxNorm: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('QUALITY_GATE_FAILED');
  });

  it('publishes a model that passed fitted on every row: retrain = the same settings on all data', async () => {
    const set = trainingSetOf();
    const model = await trainModel(set, options);
    expect(model.rejected).toBeNull();
    expect(model.metrics.heldOutLikes).toBeGreaterThan(0);
    const allRows = await trainEmbeddings(indexTrainingSet(set).data, model.trainOptions);
    expect(Buffer.from(model.embeddings.itemVectors.buffer)).toEqual(
      Buffer.from(allRows.itemVectors.buffer),
    );
  });

  it('warm-starts from the candidate for the configured epochs on every row', async () => {
    const model = await trainModel(trainingSetOf(), { ...options, finalFit: 'warm-start' });
    expect(model.rejected).toBeNull();
    expect(model.embeddings.epochs).toHaveLength(options.warmStartEpochs);
    expect(model.metrics.finalFitSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('trainModel against a serving model', () => {
  const servingOf = async (set: TrainingSet) =>
    toModelSnapshot(await trainModel(set, options), {
      version: 'serving',
      createdAt: '2026-01-01T00:00:00Z',
      popularLimit: 10,
    });

  it('rejects a worse candidate on the likes new since the serving model, naming both figures', async () => {
    const serving = await servingOf(earlierPart(trainingSetOf(), 0.3));
    const worse = { ...options, train: { ...options.train, epochs: 1, learningRate: 0.001 } };
    const model = await trainModel(trainingSetOf(), { ...worse, serving });
    expect(model.metrics['gateServingRecall@10']).toBeGreaterThan(
      model.metrics['gateCandidateRecall@10'] + 0.02,
    );
    expect(model.metrics.gateLikes).toBeGreaterThan(0);
    expect(model.rejected).toMatch(
      /^recall@10 below the serving model's: candidate 0\.\d{4}, serving 0\.\d{4}, tolerance 0\.02 \+ sampling noise 0\.\d{4}, on \d+ held-out likes new to the serving model$/,
    );
  });

  it('accepts an equally good candidate and compares only likes the serving model did not see', async () => {
    const serving = await servingOf(earlierPart(trainingSetOf(), 0.3));
    const model = await trainModel(trainingSetOf(), { ...options, serving });
    expect(model.rejected).toBeNull();
    const heldOut = model.metrics.heldOutLikes;
    expect(model.metrics.gateLikes).toBeGreaterThan(0);
    expect(model.metrics.gateLikes).toBeLessThanOrEqual(heldOut);
  });

  it('falls back to the floor when the serving model saw every held-out like', async () => {
    const set = trainingSetOf();
    const serving = await servingOf(set);
    const worse = { ...options, train: { ...options.train, epochs: 1, learningRate: 0.001 } };
    const model = await trainModel(set, { ...worse, serving });
    expect(model.metrics).not.toHaveProperty('gateLikes');
    expect(model.rejected).toBeNull();
  });
});

describe('indexTrainingSet', () => {
  it('gives ids dense indices in order of first appearance and marks liked and unliked items as seen', () => {
    const indexed = indexTrainingSet({
      positives: [
        { userId: 'u1', itemId: 'a', weight: 2, likedAtMs: 5 },
        { userId: 'u2', itemId: 'b', weight: 1, likedAtMs: 3 },
      ],
      triplets: [{ userId: 'u1', positiveItemId: 'a', negativeItemId: 'c', sourceEventId: 'e' }],
    });
    expect(indexed.userIds).toEqual(['u1', 'u2']);
    expect(indexed.itemIds).toEqual(['a', 'b', 'c']);
    expect([...indexed.data.positives.weights]).toEqual([2, 1]);
    expect([...indexed.likedAtMs]).toEqual([5, 3]);
    expect([...indexed.data.explicitTriplets.negatives]).toEqual([2]);
    const seenPairs = [...indexed.seen.users].map((u, i) => `${u}:${indexed.seen.items[i]}`);
    expect(new Set(seenPairs)).toEqual(new Set(['0:0', '1:1', '0:2']));
  });
});
