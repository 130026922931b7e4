import type { RandomSource } from '@recsys/synthetic-data';
import type { BuildSteps } from './build-steps';
import { assignToCentroids, makeCentroids, type Centroids } from './nearest-centroid';

export interface KMeansOptions {
  clusterCount: number;
  iterations: number;
  random: RandomSource;
}

/**
 * Lloyd's k-means on the listed rows of `data` ([rows, dim]): seeded random distinct rows as the start,
 * an empty cluster restarts at a random row. Yields between slices of work.
 */
export function* trainKMeans(
  data: Float32Array,
  dim: number,
  rows: Int32Array,
  options: KMeansOptions,
): BuildSteps<Centroids> {
  const count = Math.max(1, Math.min(options.clusterCount, rows.length));
  const vectors = new Float32Array(count * dim);
  const start = sampleRows(rows, count, options.random);
  start.forEach((row, c) => vectors.set(data.subarray(row * dim, row * dim + dim), c * dim));
  const assignment = new Int32Array(rows.length);
  let centroids = makeCentroids(vectors, dim);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    yield* assignToCentroids(centroids, data, { list: rows, out: assignment });
    moveToMeans({ data, dim, rows, assignment }, vectors, options.random);
    centroids = makeCentroids(vectors, dim);
  }
  return centroids;
}

/** `count` distinct entries of `rows` chosen uniformly (a partial Fisher-Yates shuffle of a copy). */
export function sampleRows(rows: Int32Array, count: number, random: RandomSource): Int32Array {
  const pool = Int32Array.from(rows);
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

interface Assigned {
  data: Float32Array;
  dim: number;
  rows: Int32Array;
  assignment: Int32Array;
}

function moveToMeans(assigned: Assigned, centroids: Float32Array, random: RandomSource): void {
  const { data, dim, rows, assignment } = assigned;
  const count = centroids.length / dim;
  const sums = new Float64Array(count * dim);
  const sizes = new Int32Array(count);
  for (let i = 0; i < rows.length; i++) {
    const c = assignment[i];
    sizes[c]++;
    for (let d = 0, o = rows[i] * dim; d < dim; d++) sums[c * dim + d] += data[o + d];
  }
  for (let c = 0; c < count; c++) {
    if (sizes[c] === 0) {
      const row = rows[Math.floor(random() * rows.length)];
      centroids.set(data.subarray(row * dim, row * dim + dim), c * dim);
      continue;
    }
    for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d] / sizes[c];
  }
}
