import type { RankingMetrics } from '@recsys/ranking-metrics';
import type { PipelineResult } from '../../apps/cli/src/training/train-pipeline';

/** One bar of the benchmark: a reported figure against its threshold. */
export interface QualityBar {
  name: string;
  value: number;
  /** Pass when value > threshold, or < threshold for `lowerIsBetter` (time). */
  threshold: number;
  lowerIsBetter?: boolean;
  /** Shown for reference but not a pass/fail criterion here (e.g. an anchor from another split). */
  informational?: boolean;
  anchor: string;
}

/** What a protocol run measured. */
export interface QualityRun {
  dataset: string;
  protocol: string;
  metrics: RankingMetrics;
  training: PipelineResult;
  evalSeconds: number;
  bars: QualityBar[];
  settings: Record<string, unknown>;
}
