import type { EmbeddingStore, ModelSnapshot, TrainingJobParams, TrainingSet } from '@recsys/domain';
import { trainModel, type ModelTrainingOptions, type TrainedModel } from '@recsys/model-building';
import type { TrainerSettings } from '../trainer-dependencies';

/**
 * Trains a job's candidate and puts it through the gate against the model serving now (read from the
 * embedding store: the current version, whichever replica or person made it current). The result says
 * whether to make it current (`rejected` null) or store it as a rejected version.
 */
export async function trainGated(
  input: {
    set: TrainingSet;
    params: TrainingJobParams;
    store: EmbeddingStore;
    onEpochEnd?: ModelTrainingOptions['onEpochEnd'];
  },
  settings: TrainerSettings,
): Promise<TrainedModel> {
  const { params } = input;
  return trainModel(input.set, {
    train: { ...settings.train, ...params },
    negatives: settings.negatives,
    holdoutRatio: settings.holdoutRatio,
    evaluationK: settings.evaluationK,
    minRecall: settings.minRecall,
    gateTolerance: settings.gateTolerance,
    serving: await servingModel(input.store),
    finalFit: settings.finalFit,
    warmStartEpochs: settings.warmStartEpochs,
    evaluationThreads: settings.evaluationThreads,
    nowMs: () => performance.now(),
    onEpochEnd: input.onEpochEnd,
  });
}

async function servingModel(store: EmbeddingStore): Promise<ModelSnapshot | null> {
  const current = await store.currentVersion();
  return current === null ? null : store.load(current);
}
