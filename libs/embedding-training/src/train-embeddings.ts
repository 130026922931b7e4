import { DomainError } from '@recsys/domain';
import { catalogueShapeOf } from './catalogue-defaults';
import { aggregateBehaviour } from './export/aggregate-behaviour';
import { InProcessExecutor } from './engine/in-process-executor';
import { runEpochs } from './engine/run-epochs';
import { WorkerExecutor } from './engine/worker-executor';
import { allocateTables, initializeTables } from './kernel/training-tables';
import { createTripletLoss } from './losses/create-triplet-loss';
import { deriveSeed, SeededRandom } from './random/seeded-random';
import { resolveTrainOptions } from './resolve-train-options';
import { trainWithTfjs } from './tfjs/train-with-tfjs';
import type { TrainedEmbeddings, TrainHooks } from './trained-embeddings';
import type { TrainingData } from './training-data';
import type { TrainOptions } from './train-options';
import { validateTrainingData } from './validate-training-data';

/**
 * Learns one vector per user and per item from liked pairs and explicit triplets. `threads: 1` trains in
 * the calling thread and is bit-reproducible; more threads train Hogwild in workers. The returned vectors
 * are the trained ones after behaviour aggregation (`userAggregation`, `itemPropagation`); the tables
 * `onEpochEnd` sees are the trained ones.
 */
export async function trainEmbeddings(
  data: TrainingData,
  options: Partial<TrainOptions>,
  hooks: TrainHooks = {},
): Promise<TrainedEmbeddings> {
  validateTrainingData(data);
  const resolved = resolveTrainOptions(options, catalogueShapeOf(data));
  const trained = await trainTables(data, resolved, hooks);
  return aggregateBehaviour(trained, data, resolved);
}

async function trainTables(
  data: TrainingData,
  resolved: TrainOptions,
  hooks: TrainHooks,
): Promise<TrainedEmbeddings> {
  const metric = createTripletLoss(resolved.loss, resolved).metric;
  const initial = hooks.initialTables;
  if (resolved.engine === 'tfjs') {
    if (initial) throw new DomainError('INVALID_OPTIONS', 'a warm start needs the kernel engine');
    return trainWithTfjs(data, { options: resolved, metric, hooks });
  }
  const shared = resolved.threads > 1;
  const tables = allocateTables({ ...data, options: resolved, shared });
  if (initial) {
    if (
      initial.users.length !== tables.users.length ||
      initial.items.length !== tables.items.length
    ) {
      throw new DomainError('INVALID_OPTIONS', 'initialTables do not match the data and dim');
    }
    tables.users.set(initial.users);
    tables.items.set(initial.items);
  } else {
    initializeTables(tables, {
      ...resolved,
      random: new SeededRandom(deriveSeed(resolved.seed, 3)),
    });
  }
  const workCount = data.positives.users.length + data.explicitTriplets.users.length;
  const setup = { data, options: resolved, workCount, seed: deriveSeed(resolved.seed, 1, 0) };
  const executor = shared
    ? await WorkerExecutor.start(tables, setup)
    : new InProcessExecutor(tables, setup);
  try {
    return await runEpochs(executor, { data, options: resolved, metric, hooks });
  } finally {
    await executor.close();
  }
}
