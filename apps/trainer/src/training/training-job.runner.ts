import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  type EmbeddingStore,
  type JobQueue,
  type TrainingJob,
  type TrainingJobParams,
  type TripletStore,
} from '@recsys/domain';
import { toModelSnapshot, trainModel } from '@recsys/model-building';
import { QueueContact } from '../jobs/queue-contact';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { modelVersionName } from '../publishing/model-version';
import {
  EMBEDDING_STORE,
  JOB_QUEUE,
  TRAINER_CLOCK,
  TRAINER_SETTINGS,
  TRIPLET_STORE,
  type TrainerSettings,
} from '../trainer-dependencies';

// The queue's answer to a renewal of a job this trainer no longer holds (another trainer failed it as stale).
const JOB_NOT_RUNNING = 'JOB_NOT_RUNNING';

/**
 * Runs one claimed job: load the training set, train and evaluate, publish the version (written whole,
 * then made current atomically), mark the job done. Any failure marks the job failed and leaves the
 * published model untouched, because publishing is the last step. The job is held on a lease renewed
 * every heartbeat; if the lease was lost (the trainer stalled and another one failed the job), the job
 * does not publish.
 */
@Injectable()
export class TrainingJobRunner {
  private readonly logger = new Logger('trainer');

  constructor(
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
    @Inject(TRIPLET_STORE) private readonly tripletStore: TripletStore,
    @Inject(EMBEDDING_STORE) private readonly embeddingStore: EmbeddingStore,
    @Inject(TRAINER_CLOCK) private readonly clock: () => Date,
    @Inject(TRAINER_SETTINGS) private readonly settings: TrainerSettings,
    private readonly contact: QueueContact,
    private readonly metrics: TrainerMetrics,
  ) {}

  async run(job: TrainingJob): Promise<void> {
    const { workerId } = this.settings;
    let leaseLost: DomainError | null = null;
    const heartbeat = setInterval(() => {
      this.jobQueue.heartbeat(job.id, workerId).then(
        () => this.contact.touch(),
        (error: Error) => {
          if (error instanceof DomainError && error.code === JOB_NOT_RUNNING) leaseLost = error;
          this.logger.warn(`heartbeat: ${error.message}`);
        },
      );
    }, this.settings.heartbeatIntervalMs);
    const timing = this.metrics.jobStarted();
    try {
      const modelVersion = await this.trainAndPublish(job, () => leaseLost);
      this.logger.log(`job ${job.id} succeeded: published ${modelVersion.version}`);
      await this.jobQueue.complete(job.id, {
        metrics: modelVersion.metrics,
        modelVersion: modelVersion.version,
      });
      timing.succeeded(modelVersion.metrics);
    } catch (error) {
      timing.failed(error);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`job ${job.id} failed: ${message}`);
      await this.jobQueue.fail(job.id, message).catch((failError: Error) => {
        this.logger.warn(`job ${job.id}: ${failError.message}`);
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async trainAndPublish(
    job: TrainingJob,
    lostLease: () => DomainError | null,
  ): Promise<{ version: string; metrics: Record<string, number> }> {
    const set = await this.tripletStore.loadTrainingSet();
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
    const createdAt = this.clock();
    const version = modelVersionName(createdAt, job.id);
    const snapshot = toModelSnapshot(model, {
      version,
      createdAt: createdAt.toISOString(),
      jobId: job.id,
      popularLimit: this.settings.popularLimit,
    });
    const lost = lostLease();
    if (lost) throw new DomainError('JOB_LEASE_LOST', `not published: ${lost.message}`);
    await this.metrics.timePublish(() => this.embeddingStore.publish(snapshot));
    return { version, metrics: model.metrics };
  }
}
