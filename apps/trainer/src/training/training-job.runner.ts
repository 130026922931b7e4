import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  type EmbeddingStore,
  type JobQueue,
  type TrainingJob,
  type TrainingJobParams,
  type TripletStore,
} from '@recsys/domain';
import type {
  EpochDecision,
  EpochReport,
  TrainingPath,
  TrainOptions,
} from '@recsys/embedding-training';
import { toModelSnapshot } from '@recsys/model-building';
import { QueueContact } from '../jobs/queue-contact';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { modelVersionName } from '../publishing/model-version';
import { trainGated } from './gated-training';
import { JobProgressTracker } from './job-progress-tracker';
import {
  EMBEDDING_STORE,
  JOB_QUEUE,
  TRAINER_CLOCK,
  TRAINER_SETTINGS,
  TRIPLET_STORE,
  type TrainerSettings,
} from '../trainer-dependencies';

// The queue's answer to a renewal of a job this trainer no longer holds (another trainer failed it as
// stale, or it was cancelled).
const JOB_NOT_RUNNING = 'JOB_NOT_RUNNING';
/** The error a job ends with when it stopped because it no longer runs for this trainer (e.g. cancelled). */
const JOB_STOPPED = 'JOB_STOPPED';

/** What a running job may do after each epoch: report progress, or stop. */
type EpochHook = (report: EpochReport, trainOptions: TrainOptions) => Promise<EpochDecision>;

/**
 * Runs one claimed job: load the training set, train a candidate and gate it against the serving model
 * (gated-training.ts), publish the version (written whole, then made current atomically if it passed;
 * stored as rejected if not), mark the job done. Any failure marks the job failed and leaves the
 * published model untouched, because publishing is the last step. The job is held on a lease renewed
 * every heartbeat; if the lease was lost (the trainer stalled and another one failed the job), the job
 * does not publish. After every epoch the job reports its progress; when the queue answers that the job no
 * longer runs for this trainer (cancelled, or failed as stale), training stops there, unpublished.
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
    const onEpochEnd = this.progressReporter(job, () => leaseLost);
    const timing = this.metrics.jobStarted();
    try {
      const modelVersion = await this.trainAndPublish(job, () => leaseLost, onEpochEnd);
      // the kernel path tells a slow run from a slow machine (the large-catalogue defaults train whole
      // user visits; other options the composed kernels)
      const { version, trainingPath } = modelVersion;
      this.logger.log(
        `job ${job.id} succeeded: published ${version} (trained by the ${trainingPath} kernels)`,
      );
      await this.jobQueue.complete(job.id, {
        metrics: modelVersion.metrics,
        modelVersion: modelVersion.version,
      });
      timing.succeeded(modelVersion.metrics);
    } catch (error) {
      timing.failed(error);
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof DomainError && error.code === JOB_STOPPED) {
        // Cancelled or taken over: the job has its final status already; there is nothing to record.
        this.logger.log(`job ${job.id} stopped unpublished: ${message}`);
        return;
      }
      this.logger.warn(`job ${job.id} failed: ${message}`);
      await this.jobQueue.fail(job.id, message).catch((failError: Error) => {
        this.logger.warn(`job ${job.id}: ${failError.message}`);
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * The epoch hook of a job: reports its progress (which renews the lease too) and throws JOB_STOPPED
   * once the job no longer runs for this trainer, which ends training before the next epoch.
   */
  private progressReporter(job: TrainingJob, lostLease: () => DomainError | null): EpochHook {
    const tracker = new JobProgressTracker(performance.now());
    return async (report, trainOptions) => {
      const { epoch } = report;
      const { epochs } = trainOptions;
      const progress = tracker.afterEpoch(report, { epochs, nowMs: performance.now() });
      const where = `stopped after epoch ${epoch} of ${epochs}`;
      const stopped = (reason: DomainError) =>
        new DomainError(JOB_STOPPED, `${where}: ${reason.message}`, { id: job.id });
      try {
        await this.jobQueue.reportProgress(job.id, this.settings.workerId, progress);
        this.contact.touch();
      } catch (error) {
        if (error instanceof DomainError && error.code === JOB_NOT_RUNNING) throw stopped(error);
        // A queue outage does not stop training: the heartbeat decides whether the lease holds.
        this.logger.warn(`job ${job.id} progress: ${(error as Error).message}`);
      }
      const lost = lostLease();
      if (lost) throw stopped(lost);
      return 'continue';
    };
  }

  private async trainAndPublish(
    job: TrainingJob,
    lostLease: () => DomainError | null,
    onEpochEnd?: EpochHook,
  ): Promise<{ version: string; metrics: Record<string, number>; trainingPath: TrainingPath }> {
    const set = await this.tripletStore.loadTrainingSet(this.settings.positiveWeights);
    const params = job.params as TrainingJobParams;
    const store = this.embeddingStore;
    const model = await trainGated({ set, params, store, onEpochEnd }, this.settings);
    const createdAt = this.clock();
    const version = modelVersionName(createdAt, job.id);
    const snapshot = toModelSnapshot(model, {
      version,
      createdAt: createdAt.toISOString(),
      jobId: job.id,
      popularLimit: this.settings.popularLimit,
    });
    snapshot.metadata.signalCount = set.signalCount; // what the automatic triggers count new signals from
    // A last renewal: a job cancelled while it was evaluated is not published.
    await this.jobQueue.heartbeat(job.id, this.settings.workerId).catch((error: Error) => {
      if (error instanceof DomainError && error.code === JOB_NOT_RUNNING) {
        throw new DomainError(JOB_STOPPED, `not published: ${error.message}`, { id: job.id });
      }
    });
    const lost = lostLease();
    if (lost) throw new DomainError('JOB_LEASE_LOST', `not published: ${lost.message}`);
    // A rejected candidate is stored and listed (with its reason) but the serving model stays current.
    const makeCurrent = model.rejected === null;
    await this.metrics.timePublish(() => this.embeddingStore.publish(snapshot, { makeCurrent }));
    if (model.rejected !== null) this.logger.warn(`job ${job.id}: ${version} rejected: ${model.rejected}`); // prettier-ignore
    return { version, metrics: model.metrics, trainingPath: model.embeddings.path };
  }
}
