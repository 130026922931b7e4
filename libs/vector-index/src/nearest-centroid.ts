import { dotProduct, squaredRowNorms } from './dot-product';
import { WORK_PER_SLICE, type BuildSteps } from './build-steps';

/** A set of centroids ([count, dim] row-major) with their squared norms, for nearest-centroid look-ups. */
export interface Centroids {
  vectors: Float32Array;
  squaredNorms: Float32Array;
  count: number;
  dim: number;
}

/** Wraps a centroid table ([count, dim]) with its squared norms. */
export function makeCentroids(vectors: Float32Array, dim: number): Centroids {
  return { vectors, squaredNorms: squaredRowNorms(vectors, dim), count: vectors.length / dim, dim };
}

/** The centroid nearest (Euclidean) to row `row` of `data`: argmin |c|² − 2·x·c. */
export function nearestCentroid(centroids: Centroids, data: Float32Array, row: number): number {
  const { vectors, squaredNorms, count, dim } = centroids;
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < count; c++) {
    const distance = squaredNorms[c] - 2 * dotProduct(data, row * dim, vectors, c * dim, dim);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c;
    }
  }
  return best;
}

/** Writes the nearest centroid of each listed row of `data` into `out[i]`, yielding between slices. */
export function* assignToCentroids(
  centroids: Centroids,
  data: Float32Array,
  rows: { list: Int32Array; out: Int32Array },
): BuildSteps<void> {
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / (centroids.count * centroids.dim)));
  for (let i = 0; i < rows.list.length; i++) {
    rows.out[i] = nearestCentroid(centroids, data, rows.list[i]);
    if ((i + 1) % rowsPerSlice === 0) yield;
  }
}
