import type { SimilarityMetric } from '@recsys/domain';
import { deriveSeed } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import type { EpochReport, TrainedEmbeddings, TrainHooks } from '../trained-embeddings';
import type { TrainOptions } from '../train-options';
import type { EpochExecutor } from './epoch-executor';
import { TableAverage } from './table-average';
import { WorkOrder } from './work-order';

/** The epoch loop shared by every executor: order the work, train, report, ask whether to go on. */
export async function runEpochs(
  executor: EpochExecutor,
  setup: { data: TrainingData; options: TrainOptions; metric: SimilarityMetric; hooks: TrainHooks },
): Promise<TrainedEmbeddings> {
  const { options, metric, hooks } = setup;
  const nowMs = hooks.nowMs ?? (() => 0);
  const workOrder = new WorkOrder({
    data: setup.data,
    mode: options.exampleOrder,
    seed: deriveSeed(options.seed, 2),
  });
  const epochs: EpochReport[] = [];
  const { users, items } = executor.tables;
  const live: TrainedEmbeddings = {
    dim: options.dim,
    metric,
    userVectors: users,
    itemVectors: items,
    epochs,
    path: executor.path,
  };
  const average = TableAverage.forRun(
    { users, items },
    { epochs: options.epochs, share: options.averagedEpochShare },
  );
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    workOrder.next(executor.order);
    const startMs = nowMs();
    const tally = await executor.runEpoch(epoch);
    const report: EpochReport = {
      epoch: epoch + 1,
      meanLoss: tally.tripletCount > 0 ? tally.lossSum / tally.tripletCount : 0,
      triplets: tally.tripletCount,
      seconds: (nowMs() - startMs) / 1000,
    };
    epochs.push(report);
    average?.addEpoch(epoch);
    if (hooks.onEpochEnd && (await hooks.onEpochEnd(report, live)) === 'stop') break;
  }
  const mean = average?.mean();
  if (mean)
    return { ...live, userVectors: mean.users, itemVectors: mean.items, epochs: [...epochs] };
  // Copies leave shared memory behind, so the result is ordinary, transferable arrays.
  const own = (table: Float32Array) =>
    table.buffer instanceof SharedArrayBuffer ? new Float32Array(table) : table;
  return { ...live, userVectors: own(users), itemVectors: own(items), epochs: [...epochs] };
}
