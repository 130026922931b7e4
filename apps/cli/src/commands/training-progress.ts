import { EpochReport, TrainOptions } from '@recsys/embedding-training';
import { metricsRecord, RankingMetrics } from '@recsys/ranking-metrics';
import { CliIo } from '../cli-io';
import { ProgressBar } from '../io/progress-bar';

/** Progress callbacks of a training run: an epoch bar on stderr with loss and the last validation. */
export interface TrainingProgress {
  /** Learns the number of epochs (the bar's length) from the resolved options. */
  onStart: (options: TrainOptions) => void;
  onEpoch: (report: EpochReport, phase: 'fit' | 'refit') => void;
  onValidation: (epoch: number, metrics: RankingMetrics) => void;
  finish: () => void;
}

/** Builds the epoch progress bar of `recsys train` (silent when `quiet`). */
export function trainingProgress(io: CliIo, quiet: boolean): TrainingProgress {
  let total = 0;
  const bars = new Map<string, ProgressBar>();
  let lastValidation = '';
  const bar = (phase: string): ProgressBar => {
    const existing = bars.get(phase);
    if (existing) return existing;
    bars.forEach((open) => open.finish());
    const created = new ProgressBar(io.stderr, phase === 'fit' ? 'training' : 'refitting', total);
    bars.set(phase, created);
    return created;
  };
  return {
    onStart: (options) => {
      total = options.epochs;
    },
    onEpoch: (report, phase) => {
      if (quiet) return;
      const note = `loss ${report.meanLoss.toFixed(4)}  ${report.seconds.toFixed(1)}s/epoch${lastValidation}`;
      bar(phase).update(report.epoch, note);
    },
    onValidation: (epoch, metrics) => {
      const record = metricsRecord(metrics);
      const shown = Object.entries(record).filter(([name]) => /^(ndcg|recall)@/.test(name));
      lastValidation = `  val ${shown.map(([name, value]) => `${name} ${value.toFixed(4)}`).join(' ')} (epoch ${epoch})`;
    },
    finish: () => bars.forEach((open) => open.finish()),
  };
}
