import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TrainingJob, TrainingJobParams } from '@recsys/domain';
import { toModelSnapshot, trainModel } from '@recsys/model-building';
import { modelVersionName } from '../publishing/model-version';
import {
  TRAINER_DEPENDENCIES,
  TRAINER_SETTINGS,
  type TrainerDependencies,
  type TrainerSettings,
} from '../trainer-dependencies';

/**
 * Runs one claimed job: load the training set, train and evaluate, publish the version (written whole,
 * then made current atomically), mark the job done. Any failure marks the job failed and leaves the
 * published model untouched, because publishing is the last step.
 */
@Injectable()
export class TrainingJobRunner {
  private readonly logger = new Logger('trainer');

  constructor(
    @Inject(TRAINER_DEPENDENCIES) private readonly deps: TrainerDependencies,
    @Inject(TRAINER_SETTINGS) private readonly settings: TrainerSettings,
  ) {}

  async run(job: TrainingJob): Promise<void> {
    const { jobQueue, workerId } = {
      jobQueue: this.deps.jobQueue,
      workerId: this.settings.workerId,
    };
    const heartbeat = setInterval(() => {
      jobQueue
        .heartbeat(job.id, workerId)
        .catch((error: Error) => this.logger.warn(`heartbeat: ${error.message}`));
    }, this.settings.heartbeatIntervalMs);
    try {
      const modelVersion = await this.trainAndPublish(job);
      this.logger.log(`job ${job.id} succeeded: published ${modelVersion.version}`);
      await jobQueue.complete(job.id, {
        metrics: modelVersion.metrics,
        modelVersion: modelVersion.version,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`job ${job.id} failed: ${message}`);
      await jobQueue.fail(job.id, message);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async trainAndPublish(
    job: TrainingJob,
  ): Promise<{ version: string; metrics: Record<string, number> }> {
    const set = await this.deps.tripletStore.loadTrainingSet();
    const params = job.params as TrainingJobParams;
    const model = await trainModel(set, {
      train: { ...this.settings.train, ...params },
      negatives: this.settings.negatives,
      holdoutRatio: this.settings.holdoutRatio,
      evaluationK: this.settings.evaluationK,
      splitSeed: params.seed ?? this.settings.train.seed ?? 42,
      minRecall: this.settings.minRecall,
      evaluationThreads: this.settings.evaluationThreads,
      nowMs: () => performance.now(),
    });
    const createdAt = this.deps.clock();
    const version = modelVersionName(createdAt, job.id);
    const snapshot = toModelSnapshot(model, {
      version,
      createdAt: createdAt.toISOString(),
      jobId: job.id,
      popularLimit: this.settings.popularLimit,
    });
    await this.deps.embeddingStore.publish(snapshot);
    return { version, metrics: model.metrics };
  }
}
