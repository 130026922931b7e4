import { trainEmbeddings, type TrainingData, type TrainOptions } from '@recsys/embedding-training';

/** One measured configuration: triplets per wall-clock second, and per CPU second of this process. */
export interface Measurement {
  tripletsPerSecond: number;
  tripletsPerCpuSecond: number;
  /** CPU seconds per wall second the process got (2 = two full cores); low on a busy machine. */
  cpuShare: number;
}

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/**
 * Trains `epochs` epochs and measures all but the first (JIT warm-up, worker start-up and the loudest
 * loss are in epoch 1); a single epoch is measured as it is, warm-up included, rather than not at all.
 * CPU time covers the whole process, worker threads included.
 */
export async function measureTraining(
  data: TrainingData,
  options: Partial<TrainOptions> & { epochs: number },
): Promise<Measurement> {
  let triplets = 0;
  let seconds = 0;
  let cpu = 0;
  let cpuAtEpochStart = cpuSeconds();
  const skippedEpochs = options.epochs > 1 ? 1 : 0;
  await trainEmbeddings(data, options, {
    nowMs: () => performance.now(),
    onEpochEnd: (report) => {
      const now = cpuSeconds();
      if (report.epoch > skippedEpochs) {
        triplets += report.triplets;
        seconds += report.seconds;
        cpu += now - cpuAtEpochStart;
      }
      cpuAtEpochStart = now;
      return 'continue';
    },
  });
  return {
    tripletsPerSecond: triplets / seconds,
    tripletsPerCpuSecond: triplets / cpu,
    cpuShare: cpu / seconds,
  };
}

/** Runs `measure` `runs` times and returns each run's result. */
export async function repeat<T>(runs: number, measure: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure());
  return results;
}

/** The median of `values`. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
