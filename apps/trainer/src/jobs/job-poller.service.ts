import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { JobQueue } from '@recsys/domain';
import { JOB_QUEUE, TRAINER_SETTINGS, type TrainerSettings } from '../trainer-dependencies';
import { TrainingJobRunner } from '../training/training-job.runner';
import { QueueContact } from './queue-contact';

/**
 * Polls the job queue and runs one job at a time. The queue itself guarantees that only one job runs
 * across all trainer processes; a queue error is logged and retried on the next tick.
 */
@Injectable()
export class JobPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('trainer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
    @Inject(TRAINER_SETTINGS) private readonly settings: TrainerSettings,
    private readonly runner: TrainingJobRunner,
    private readonly contact: QueueContact,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
    this.logger.log(`trainer ${this.settings.workerId} polling for training jobs`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delayMs = this.settings.pollIntervalMs;
    try {
      const job = await this.jobQueue.claimNext({
        workerId: this.settings.workerId,
        staleAfterMs: this.settings.staleJobAfterMs,
      });
      this.contact.touch();
      if (job) {
        this.logger.log(`claimed job ${job.id}`);
        await this.runner.run(job);
        delayMs = 0;
      }
    } catch (error) {
      this.logger.warn(`job queue: ${(error as Error).message}`);
    }
    this.schedule(delayMs);
  }
}
