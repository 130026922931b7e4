import type { RandomSource } from '@recsys/synthetic-data';
import type { BuildSteps } from './build-steps';
import {
  assignToCentroids,
  encodeCentroids,
  sliceCentroids,
  type CentroidBlocks,
  type ClusterSpace,
} from './cluster-space';
import { KERNEL_BATCH_ROWS, type KernelMemory, type RowBlock } from './kernel-memory';

/** Sample rows per centroid that k-means++ chooses the starts from. */
const SEED_ROWS_PER_CENTROID = 8;

export interface KMeansJob {
  /** The data rows to train on. */
  sample: Int32Array;
  /** Where the centroids go: at most `centroids.rows.count` of them. */
  centroids: CentroidBlocks;
  iterations: number;
  random: RandomSource;
}

/**
 * Lloyd's k-means on the sample rows, in kernel memory, started by k-means++ (Arthur & Vassilvitskii): each
 * next start is a sample row drawn with probability ∝ its squared distance to the nearest start so far,
 * which spreads the starts over the clusters (random starts left 15% of the rows of a planted clustering
 * in mixed lists). An empty cluster restarts at a random row. Rows are assigned on their codes, means
 * taken on their f32 rows. Writes the centroids (rows, squared norms, codes) into `centroids` and returns
 * the table of the ones used (fewer when the sample is smaller).
 */
export function* trainKMeans(space: ClusterSpace, job: KMeansJob): BuildSteps<CentroidBlocks> {
  const { memory, data } = space;
  const { sample, random } = job;
  const count = Math.max(1, Math.min(job.centroids.rows.count, sample.length));
  const centroids = sliceCentroids(memory, job.centroids, { first: 0, count });
  // Seeding on a part of the (random) sample: k-means++ costs k passes over it, Lloyd's rounds fix the rest.
  const seedSample = sample.subarray(0, Math.min(sample.length, SEED_ROWS_PER_CENTROID * count));
  seedKMeansPlusPlus(memory, { data, sample: seedSample, centroids: centroids.rows, random });
  const out = new Int32Array(sample.length);
  for (let iteration = 0; iteration < job.iterations; iteration++) {
    encodeCentroids(space, centroids);
    yield* assignToCentroids(space, { rows: sample, centroids, out });
    moveToMeans(memory, { data, sample, centroids: centroids.rows, assignment: out, random });
  }
  encodeCentroids(space, centroids);
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

/** Chooses the starting centroids among the sample rows by k-means++ seeding. */
function seedKMeansPlusPlus(
  memory: KernelMemory,
  job: { data: RowBlock; sample: Int32Array; centroids: RowBlock; random: RandomSource },
): void {
  const { data, sample, centroids, random } = job;
  const nearest = new Float64Array(sample.length).fill(Infinity);
  let chosen = sample[Math.floor(random() * sample.length)];
  for (let c = 0; c < centroids.count; c++) {
    copyRow(memory, { from: data, row: chosen }, { to: centroids, row: c });
    if (c + 1 === centroids.count) break;
    const centroidAt = memory.rowAddress(centroids, c);
    const centroidNorm = memory.norms(centroids)[c];
    let total = 0;
    for (let first = 0; first < sample.length; first += KERNEL_BATCH_ROWS) {
      const count = Math.min(KERNEL_BATCH_ROWS, sample.length - first);
      memory.ids.set(sample.subarray(first, first + count));
      const distances = memory.distancesAt(centroidAt, data, count);
      for (let i = 0; i < count; i++) {
        // |x − c|² = (|x|² − 2·c·x) + |c|²; rounding can make it slightly negative.
        const squared = Math.max(0, distances[i] + centroidNorm);
        if (squared < nearest[first + i]) nearest[first + i] = squared;
        total += nearest[first + i];
      }
    }
    chosen = drawByWeight(sample, nearest, total * random());
  }
}

/** The row whose cumulative weight first exceeds `target` (the last one if rounding runs past). */
function drawByWeight(rows: Int32Array, weights: Float64Array, target: number): number {
  let cumulative = 0;
  for (let i = 0; i < rows.length; i++) {
    cumulative += weights[i];
    if (cumulative > target) return rows[i];
  }
  return rows[rows.length - 1];
}

/** Copies a row (and its squared norm) between blocks of the same memory. */
function copyRow(
  memory: KernelMemory,
  source: { from: RowBlock; row: number },
  target: { to: RowBlock; row: number },
): void {
  const { floats, stride } = memory;
  const from = memory.rowAddress(source.from, source.row) / 4;
  floats.copyWithin(memory.rowAddress(target.to, target.row) / 4, from, from + stride);
  floats[target.to.normsAt / 4 + target.row] = floats[source.from.normsAt / 4 + source.row];
}

interface Assigned {
  data: RowBlock;
  sample: Int32Array;
  centroids: RowBlock;
  assignment: Int32Array;
  random: RandomSource;
}

function moveToMeans(memory: KernelMemory, assigned: Assigned): void {
  const { data, sample, centroids, assignment, random } = assigned;
  const { floats, stride } = memory;
  const sums = new Float64Array(centroids.count * stride);
  const sizes = new Int32Array(centroids.count);
  for (let i = 0; i < sample.length; i++) {
    const c = assignment[i];
    sizes[c]++;
    const at = memory.rowAddress(data, sample[i]) / 4;
    for (let d = 0; d < stride; d++) sums[c * stride + d] += floats[at + d];
  }
  const norms = memory.norms(centroids);
  for (let c = 0; c < centroids.count; c++) {
    if (sizes[c] === 0) {
      const row = sample[Math.floor(random() * sample.length)];
      copyRow(memory, { from: data, row }, { to: centroids, row: c });
      continue;
    }
    const at = memory.rowAddress(centroids, c) / 4;
    let squaredNorm = 0;
    for (let d = 0; d < stride; d++) {
      floats[at + d] = sums[c * stride + d] / sizes[c];
      squaredNorm += floats[at + d] * floats[at + d];
    }
    norms[c] = squaredNorm;
  }
}
