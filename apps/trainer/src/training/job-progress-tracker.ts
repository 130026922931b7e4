import type { JobProgress } from '@recsys/domain';
import type { EpochReport } from '@recsys/embedding-training';

/**
 * The progress of one job, epoch by epoch. The time left is the mean epoch time so far times the epochs
 * left: the epochs of a run cost about the same, while loading the data before them does not repeat.
 */
export class JobProgressTracker {
  private readonly lossPerEpoch: number[] = [];
  private epochMsTotal = 0;

  /** `startedMs`: when the job started, on the clock later passed as `nowMs`. */
  constructor(private readonly startedMs: number) {}

  afterEpoch(report: EpochReport, run: { epochs: number; nowMs: number }): JobProgress {
    this.lossPerEpoch.push(report.meanLoss);
    this.epochMsTotal += report.seconds * 1000;
    const epochsLeft = Math.max(0, run.epochs - report.epoch);
    const meanEpochMs = this.epochMsTotal / this.lossPerEpoch.length;
    return {
      epoch: report.epoch,
      epochs: run.epochs,
      lossPerEpoch: [...this.lossPerEpoch],
      elapsedMs: Math.round(run.nowMs - this.startedMs),
      remainingMs:
        meanEpochMs > 0 || epochsLeft === 0 ? Math.round(meanEpochMs * epochsLeft) : null,
    };
  }
}
