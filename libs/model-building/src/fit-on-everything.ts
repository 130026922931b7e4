import {
  trainEmbeddings,
  type TrainedEmbeddings,
  type TrainHooks,
  type TrainingData,
  type TrainOptions,
} from '@recsys/embedding-training';

/**
 * How the published model learns the held-out likes after the candidate passed the gate: `retrain` =
 * train again on every row with the candidate's settings; `warm-start` = continue from the candidate's
 * tables for `warmStartEpochs` epochs on every row (hard-negative warm-up off: the model is trained).
 */
export type FinalFit = 'retrain' | 'warm-start';

/** Trains the published model on all rows (held-out likes included), per `FinalFit`. */
export function fitOnEverything(
  data: TrainingData,
  candidate: { tables: { users: Float32Array; items: Float32Array } },
  options: {
    finalFit: FinalFit;
    warmStartEpochs: number;
    train: TrainOptions;
    hooks: TrainHooks;
  },
): Promise<TrainedEmbeddings> {
  const { train, hooks } = options;
  if (options.finalFit === 'retrain') return trainEmbeddings(data, train, hooks);
  return trainEmbeddings(
    data,
    { ...train, epochs: options.warmStartEpochs, hardNegativeWarmupEpochs: 0 },
    { ...hooks, initialTables: candidate.tables },
  );
}
