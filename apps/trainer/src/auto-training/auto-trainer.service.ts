import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EmbeddingStore, JobQueue, TripletStore } from '@recsys/domain';
import { nextScheduledMs } from '@recsys/service-config';
import {
  EMBEDDING_STORE,
  JOB_QUEUE,
  TRAINER_CLOCK,
  TRAINER_SETTINGS,
  TRIPLET_STORE,
  type TrainerSettings,
} from '../trainer-dependencies';
import {
  afterQueued,
  decideAutoTraining,
  initialAutoTrainingState,
  isCheckDue,
  type AutoTrainingObservation,
  type AutoTrainingPolicy,
  type AutoTrainingState,
} from './auto-training-decision';

/**
 * Queues training jobs by itself (TRAIN_EVERY, TRAIN_AFTER_NEW_SIGNALS): every check interval it counts the
 * signals in the log and reads what the stored models saw, and asks the queue for an automatic job when a
 * trigger fires. The queue admits one only while it is idle, so several trainers may all run this.
 */
@Injectable()
export class AutoTrainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('auto-training');
  private readonly policy: AutoTrainingPolicy;
  private state: AutoTrainingState;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
    @Inject(TRIPLET_STORE) private readonly tripletStore: TripletStore,
    @Inject(EMBEDDING_STORE) private readonly embeddingStore: EmbeddingStore,
    @Inject(TRAINER_CLOCK) private readonly clock: () => Date,
    @Inject(TRAINER_SETTINGS) private readonly settings: TrainerSettings,
  ) {
    const { schedule, afterNewSignals, firstModelAfterSignals } = settings.autoTraining;
    this.policy = {
      nextScheduledMs: (afterMs) => nextScheduledMs(schedule, afterMs),
      afterNewSignals,
      firstModelAfterSignals,
    };
    this.state = initialAutoTrainingState(this.policy, this.clock().getTime());
  }

  /** True when some trigger is configured. */
  get enabled(): boolean {
    const { schedule, afterNewSignals, firstModelAfterSignals } = this.settings.autoTraining;
    return schedule.kind !== 'off' || afterNewSignals > 0 || firstModelAfterSignals > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    // The first check waits one interval, so a job queued at start-up (the demo's) is seen first.
    this.schedule();
    const { afterNewSignals, firstModelAfterSignals } = this.policy;
    const next = this.state.nextScheduledMs;
    const triggers = [
      firstModelAfterSignals > 0 ? `first model after ${firstModelAfterSignals} signals` : null,
      afterNewSignals > 0 ? `after ${afterNewSignals} new signals` : null,
      next === null ? null : `on schedule, next ${new Date(next).toISOString()}`,
    ];
    this.logger.log(`automatic training: ${triggers.filter((t) => t !== null).join('; ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking;
  }

  /** One check: reads the stores if a trigger could fire, and queues a job if one does. */
  async check(): Promise<void> {
    const nowMs = this.clock().getTime();
    if (!isCheckDue(this.policy, this.state, nowMs)) return;
    const observation = await this.observe(nowMs);
    const decision = decideAutoTraining(this.policy, this.state, observation);
    this.state = decision.state;
    if (decision.trigger === null) return;
    const job = await this.jobQueue.enqueueAutomatic(decision.trigger, {});
    if (job === null) return; // a job is queued or running: it trains on (nearly) the same data
    this.state = afterQueued(this.state, observation.signalCount);
    this.logger.log(
      `queued training job ${job.id} (${decision.trigger}: ${decision.newSignals} new signals)`,
    );
  }

  private async observe(nowMs: number): Promise<AutoTrainingObservation> {
    const [signalCount, currentVersion, versions] = await Promise.all([
      this.tripletStore.countSignals(),
      this.embeddingStore.currentVersion(),
      this.embeddingStore.listVersions(),
    ]);
    const current = currentVersion === null ? null : versions.find((v) => v.version === currentVersion); // prettier-ignore
    return {
      nowMs,
      signalCount,
      current:
        currentVersion === null
          ? null
          : { version: currentVersion, signalCount: current?.signalCount ?? null },
      newestModelSignalCount: Math.max(0, ...versions.map((v) => v.signalCount ?? 0)),
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.checking = this.check()
        .catch((error: Error) => this.logger.warn(`automatic training check: ${error.message}`))
        .finally(() => {
          this.checking = null;
          this.schedule();
        });
    }, this.settings.autoTraining.checkIntervalMs);
  }
}
