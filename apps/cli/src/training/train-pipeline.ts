import { InteractionTable, toTrainingData } from '@recsys/datasets';
import {
  catalogueShapeOf,
  DEFAULT_SEED,
  EpochReport,
  resolveTrainOptions,
  trainEmbeddings,
  TrainedEmbeddings,
  TrainHooks,
  TrainingData,
  TrainOptions,
} from '@recsys/embedding-training';
import { RankingMetrics, trainWithEarlyStopping } from '@recsys/ranking-metrics';

/** Early stopping on a validation split carved from the training rows. */
export interface ValidationSettings {
  /** Share of each user's positives held out (0 < fraction < 1). */
  fraction: number;
  everyEpochs: number;
  patience: number;
  k: number;
  monitor: 'ndcg' | 'recall';
  /** Validation users scored per evaluation (a seeded sample). */
  maxUsers?: number;
  /** Retrain on all rows for the best number of epochs once early stopping has chosen it. */
  refit: boolean;
}

/** Everything `recsys train` and bench:quality decide about a run. */
export interface PipelineOptions {
  engine: Partial<TrainOptions>;
  /** How rows become positives (see toTrainingData). */
  neutralWeight: number;
  unlikedWeight: number;
  validation?: ValidationSettings;
  nowMs: () => number;
  /** Called once the options are resolved (omitted ones take the defaults for the rows' catalogue). */
  onStart?: (options: TrainOptions) => void;
  onEpoch?: (report: EpochReport, phase: 'fit' | 'refit') => void;
  onValidation?: (epoch: number, metrics: RankingMetrics) => void;
}

/** The trained model and what the run measured. */
export interface PipelineResult {
  model: TrainedEmbeddings;
  options: TrainOptions;
  trainSeconds: number;
  validation?: {
    bestEpoch: number;
    metrics: RankingMetrics;
    history: { epoch: number; metrics: RankingMetrics }[];
  };
}

/**
 * Trains embeddings on `rows` of a table (all rows by default): converts rows to TrainingData,
 * then trains plainly or with early stopping (and an optional refit on all rows).
 */
export async function trainFromTable(
  table: InteractionTable,
  pipeline: PipelineOptions,
  rows?: Int32Array,
): Promise<PipelineResult> {
  const data = toTrainingData(table, {
    rows,
    neutralWeight: pipeline.neutralWeight,
    unlikedWeight: pipeline.unlikedWeight,
    seed: pipeline.engine.seed ?? DEFAULT_SEED,
  });
  const options = resolveTrainOptions(pipeline.engine, catalogueShapeOf(data));
  pipeline.onStart?.(options);
  const started = pipeline.nowMs();
  const run = { data, options, pipeline };
  const trained = pipeline.validation
    ? await trainWithValidation(run, pipeline.validation)
    : { model: await trainEmbeddings(data, options, epochHooks(pipeline, 'fit')) };
  return { ...trained, options, trainSeconds: (pipeline.nowMs() - started) / 1000 };
}

interface PreparedRun {
  data: TrainingData;
  options: TrainOptions;
  pipeline: PipelineOptions;
}

async function trainWithValidation(
  run: PreparedRun,
  settings: ValidationSettings,
): Promise<Pick<PipelineResult, 'model' | 'validation'>> {
  const { data, options, pipeline } = run;
  const stopped = await trainWithEarlyStopping(
    trainEmbeddings,
    { data, options, hooks: epochHooks(pipeline, 'fit') },
    {
      validationFraction: settings.fraction,
      seed: options.seed,
      evaluateEveryEpochs: settings.everyEpochs,
      patience: settings.patience,
      k: settings.k,
      monitor: settings.monitor,
      maxEvaluationUsers: settings.maxUsers,
      threads: options.threads,
      onEvaluation: pipeline.onValidation,
    },
  );
  const refitOptions = { ...options, epochs: stopped.bestEpoch };
  const model = settings.refit
    ? await trainEmbeddings(data, refitOptions, epochHooks(pipeline, 'refit'))
    : stopped.model;
  const validation = {
    bestEpoch: stopped.bestEpoch,
    metrics: stopped.bestMetrics,
    history: stopped.history,
  };
  return { model, validation };
}

function epochHooks(pipeline: PipelineOptions, phase: 'fit' | 'refit'): TrainHooks {
  return {
    nowMs: pipeline.nowMs,
    onEpochEnd: (report) => {
      pipeline.onEpoch?.(report, phase);
      return 'continue';
    },
  };
}
