import type { SimilarityMetric } from '@recsys/domain';
import { runEpochs } from '../engine/run-epochs';
import { allocateTables, initializeTables } from '../kernel/training-tables';
import { deriveSeed, SeededRandom } from '../random/seeded-random';
import type { TrainedEmbeddings, TrainHooks } from '../trained-embeddings';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import { loadTensorFlow } from './load-tensorflow';
import { TfjsExecutor } from './tfjs-executor';

/**
 * Trains the same model through TensorFlow.js (tfjs-node when installed, pure tfjs otherwise): same
 * initial tables, examples, loss and weights as the kernel; tfjs autodiff gives the gradients of each
 * batch and the kernel's sparse optimisers apply them (see TfjsExecutor).
 */
export async function trainWithTfjs(
  data: TrainingData,
  setup: { options: TrainOptions; metric: SimilarityMetric; hooks: TrainHooks },
): Promise<TrainedEmbeddings> {
  const { options } = setup;
  const { tf } = await loadTensorFlow();
  const tables = allocateTables({ ...data, options, shared: false });
  initializeTables(tables, { ...options, random: new SeededRandom(deriveSeed(options.seed, 3)) });
  const executor = new TfjsExecutor(tf, tables, {
    data,
    options,
    seed: deriveSeed(options.seed, 1, 0),
  });
  try {
    return await runEpochs(executor, { ...setup, data });
  } finally {
    await executor.close();
  }
}
