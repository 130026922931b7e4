import type {
  TrainedEmbeddings,
  TrainHooks,
  TrainingData,
  TrainOptions,
} from '@recsys/embedding-training';
import { DomainError } from '@recsys/domain';
import { carveValidation } from './carve-validation';
import { evaluateRanking } from './evaluate-ranking';
import { RankingMetrics } from './ranking-metrics';
import { sampleUsers } from './sample-users';

/** The engine's entry point (injected: tests drive early stopping with a scripted trainer). */
export type TrainFunction = (
  data: TrainingData,
  options: Partial<TrainOptions>,
  hooks?: TrainHooks,
) => Promise<TrainedEmbeddings>;

/** When and how the validation split is scored. */
export interface EarlyStoppingOptions {
  /** Share of each user's positives held out for validation (seeded). */
  validationFraction: number;
  seed: number;
  /** Score the model every N epochs. */
  evaluateEveryEpochs: number;
  /** Stop after this many evaluations without improvement. */
  patience: number;
  k: number;
  /** Metric whose improvement counts. */
  monitor: 'ndcg' | 'recall';
  /** Score at most this many validation users (a seeded sample) to keep evaluations cheap. */
  maxEvaluationUsers?: number;
  threads?: number;
  onEvaluation?: (epoch: number, metrics: RankingMetrics) => void;
}

/** The best model seen and how training went. */
export interface EarlyStoppingResult {
  model: TrainedEmbeddings;
  bestEpoch: number;
  bestMetrics: RankingMetrics;
  history: { epoch: number; metrics: RankingMetrics }[];
}

/**
 * Trains on the data minus a validation split, scores the model every N epochs, keeps a copy of the
 * best one and stops after `patience` evaluations without improvement (or at `options.epochs`, which
 * is always evaluated). The returned model is the best snapshot.
 */
export async function trainWithEarlyStopping(
  train: TrainFunction,
  input: { data: TrainingData; options: Partial<TrainOptions>; hooks?: TrainHooks },
  stopping: EarlyStoppingOptions,
): Promise<EarlyStoppingResult> {
  const carved = carveValidation(input.data, {
    fraction: stopping.validationFraction,
    seed: stopping.seed,
  });
  const users = sampleUsers(carved.validation, stopping.maxEvaluationUsers, stopping.seed);
  const tracker = new BestModelTracker(stopping);
  const onEpochEnd: TrainHooks['onEpochEnd'] = async (report, model) => {
    const userDecision = await input.hooks?.onEpochEnd?.(report, model);
    const due =
      report.epoch % stopping.evaluateEveryEpochs === 0 || report.epoch === input.options.epochs;
    if (!due) return userDecision ?? 'continue';
    const metrics = await evaluateRanking({
      model,
      train: carved.seen,
      test: carved.validation,
      k: stopping.k,
      threads: stopping.threads,
      users,
    });
    stopping.onEvaluation?.(report.epoch, metrics);
    const decision = tracker.record(report.epoch, metrics, model);
    return userDecision === 'stop' ? 'stop' : decision;
  };
  const last = await train(carved.fit, input.options, { ...input.hooks, onEpochEnd });
  return tracker.result(last);
}

/** Remembers the best-scoring snapshot and counts evaluations since the last improvement. */
class BestModelTracker {
  private best?: {
    epoch: number;
    metrics: RankingMetrics;
    users: Float32Array;
    items: Float32Array;
  };
  private sinceImprovement = 0;
  private readonly history: EarlyStoppingResult['history'] = [];

  constructor(private readonly stopping: EarlyStoppingOptions) {}

  record(epoch: number, metrics: RankingMetrics, model: TrainedEmbeddings): 'continue' | 'stop' {
    this.history.push({ epoch, metrics });
    const score = metrics[this.stopping.monitor];
    if (!this.best || score > this.best.metrics[this.stopping.monitor]) {
      const [users, items] = [model.userVectors.slice(), model.itemVectors.slice()];
      this.best = { epoch, metrics, users, items };
      this.sinceImprovement = 0;
      return 'continue';
    }
    this.sinceImprovement++;
    return this.sinceImprovement >= this.stopping.patience ? 'stop' : 'continue';
  }

  result(last: TrainedEmbeddings): EarlyStoppingResult {
    if (!this.best) {
      throw new DomainError('NO_VALIDATION_RUN', 'training ended before the first validation');
    }
    const model = { ...last, userVectors: this.best.users, itemVectors: this.best.items };
    const { epoch: bestEpoch, metrics: bestMetrics } = this.best;
    return { model, bestEpoch, bestMetrics, history: this.history };
  }
}
