import { Injectable } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a job run ends, as the runner reports it. */
export interface JobTiming {
  /** The job was published; `metrics` is the model's record (trainSeconds, epochs, finalLoss, recall@K...). */
  succeeded(metrics: Readonly<Record<string, number>>): void;
  /** The job failed; a quality-gate refusal still carries the model's metrics (DomainError details). */
  failed(error: unknown): void;
}

// Keys of the model's metrics record (see trainModel and metricsRecord) exported as `last job` gauges.
const HELD_OUT = /^(recall|ndcg|precision|map|coverage)@(\d+)$/;

/**
 * The trainer's Prometheus metrics, on a registry of its own (the embedded app runs the trainer next to the
 * api in one process), served at `/metrics` on the health port. Jobs are counted by outcome; the last
 * job's figures (training seconds, epochs, final loss, held-out ranking metrics) are gauges.
 */
@Injectable()
export class TrainerMetrics {
  readonly registry = new Registry();

  private readonly jobs = new Counter({
    name: 'recsys_training_jobs_total',
    help: 'Training jobs run by this trainer, by outcome (succeeded | failed) and error code',
    labelNames: ['outcome', 'code'] as const,
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'recsys_training_job_duration_seconds',
    help: 'Wall time of a job: load the training set, train, evaluate, publish',
    labelNames: ['outcome'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600, 7200],
    registers: [this.registry],
  });

  private readonly publishDuration = new Histogram({
    name: 'recsys_training_publish_seconds',
    help: 'Time to write a trained version to the embedding store and make it current',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  private readonly running = new Gauge({
    name: 'recsys_training_running',
    help: '1 while this trainer runs a job',
    registers: [this.registry],
  });

  private readonly lastTrainSeconds = this.lastJobGauge('train_seconds', 'Seconds the last job trained (without loading or evaluation)'); // prettier-ignore
  private readonly lastEpochs = this.lastJobGauge('epochs', 'Epochs the last job trained');
  private readonly lastFinalLoss = this.lastJobGauge('final_loss', 'Mean triplet loss of the last epoch of the last job'); // prettier-ignore
  private readonly lastHeldOut = new Gauge({
    name: 'recsys_training_last_heldout',
    help: 'Held-out ranking metrics of the last job that trained a model (published or refused by the gate)',
    labelNames: ['metric', 'k'] as const,
    registers: [this.registry],
  });
  private readonly lastFinished = this.lastJobGauge('finished_timestamp_seconds', 'When the last job ended (Unix seconds)'); // prettier-ignore

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'recsys_trainer_' });
  }

  /** Starts timing one job run; tell the result how it ended. */
  jobStarted(): JobTiming {
    this.running.set(1);
    const stop = this.jobDuration.startTimer();
    const end = (outcome: 'succeeded' | 'failed', code: string, metrics: unknown) => {
      stop({ outcome });
      this.running.set(0);
      this.jobs.inc({ outcome, code });
      this.lastFinished.set(Date.now() / 1000);
      if (isMetricsRecord(metrics)) this.recordModel(metrics);
    };
    return {
      succeeded: (metrics) => end('succeeded', '', metrics),
      failed: (error) => {
        const domain = error instanceof DomainError ? error : null;
        const details = domain?.details as { metrics?: unknown } | undefined;
        end('failed', domain?.code ?? 'ERROR', details?.metrics);
      },
    };
  }

  /** Runs `publish`, timing it. */
  async timePublish<T>(publish: () => Promise<T>): Promise<T> {
    const stop = this.publishDuration.startTimer();
    const result = await publish();
    stop();
    return result;
  }

  private recordModel(metrics: Readonly<Record<string, number>>): void {
    // NaN for a figure the record lacks: never one job's loss next to another job's epochs.
    this.lastTrainSeconds.set(metrics.trainSeconds ?? NaN);
    this.lastEpochs.set(metrics.epochs ?? NaN);
    this.lastFinalLoss.set(metrics.finalLoss ?? NaN);
    this.lastHeldOut.reset();
    for (const [key, value] of Object.entries(metrics)) {
      const match = HELD_OUT.exec(key);
      if (match) this.lastHeldOut.set({ metric: match[1], k: match[2] }, value);
    }
  }

  private lastJobGauge(what: string, help: string): Gauge {
    return new Gauge({ name: `recsys_training_last_${what}`, help, registers: [this.registry] });
  }
}

function isMetricsRecord(value: unknown): value is Readonly<Record<string, number>> {
  return typeof value === 'object' && value !== null;
}
