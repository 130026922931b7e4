import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseLightGcn, toTrainingData } from '@recsys/datasets';
import {
  catalogueShapeOf,
  DEFAULT_SEED,
  resolveTrainOptions,
  trainEmbeddings,
} from '@recsys/embedding-training';
import { findDatasetFile } from '../quality/datasets-dir';

/** The whole default Gowalla run, as `recsys train --input train.txt --format lightgcn` does it. */
export interface GowallaDefaultRun {
  trainSeconds: number;
  cpuSeconds: number;
  threads: number;
  epochs: number;
  /** Load average (1 min) when the run ended: the machine is shared. */
  loadAverage: number;
}

/**
 * Trains the defaults (all cores, as the CLI) on all of train.txt and times the training only (not
 * parsing, not evaluation); undefined when the data set is absent.
 */
export async function gowallaDefaultRun(): Promise<GowallaDefaultRun | undefined> {
  const path = findDatasetFile('gowalla-lightgcn/train.txt');
  if (!path) return undefined;
  const table = parseLightGcn(readFileSync(path, 'utf8'));
  const threads = availableParallelism();
  const data = toTrainingData(table, { neutralWeight: 0, unlikedWeight: 0, seed: DEFAULT_SEED });
  const options = resolveTrainOptions({ threads }, catalogueShapeOf(data));
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const model = await trainEmbeddings(data, options);
  const cpu = process.cpuUsage(cpuStart);
  return {
    trainSeconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threads,
    epochs: model.epochs.length,
    loadAverage: loadavg()[0],
  };
}
