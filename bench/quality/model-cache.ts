import { readFileSync, writeFileSync } from 'node:fs';
import type { SimilarityMetric } from '@recsys/domain';
import type { EpochReport, TrainedEmbeddings, TrainingPath } from '@recsys/embedding-training';

/** The JSON line in front of the raw float tables. */
interface CachedHeader {
  dim: number;
  metric: SimilarityMetric;
  users: number;
  items: number;
  epochs: EpochReport[];
  /** Absent in caches written before the path was reported (2026-12-05). */
  path?: TrainingPath;
}

/**
 * Writes a trained model as one JSON header line followed by the user and item tables (float32, host byte
 * order): a scratch cache for export-sweep.ts, not a model format (models are published by the trainer).
 */
export function saveModel(file: string, model: TrainedEmbeddings): void {
  const { userVectors, itemVectors } = model;
  const header: CachedHeader = {
    dim: model.dim,
    metric: model.metric,
    users: userVectors.length,
    items: itemVectors.length,
    epochs: model.epochs,
    path: model.path,
  };
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`${JSON.stringify(header)}\n`),
      Buffer.from(userVectors.buffer, userVectors.byteOffset, userVectors.byteLength),
      Buffer.from(itemVectors.buffer, itemVectors.byteOffset, itemVectors.byteLength),
    ]),
  );
}

export function loadModel(file: string): TrainedEmbeddings {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as CachedHeader;
  // Not guessed: a scratch cache is cheaper to rebuild than a model that names the wrong kernels.
  if (!header.path)
    throw new Error(`${file}: written before models named their kernels; delete it to train again`);
  const start = bytes.byteOffset + newline + 1;
  const body = new Float32Array(bytes.buffer.slice(start, bytes.byteOffset + bytes.length));
  return {
    dim: header.dim,
    metric: header.metric,
    epochs: header.epochs,
    path: header.path,
    userVectors: body.slice(0, header.users),
    itemVectors: body.slice(header.users, header.users + header.items),
  };
}
