import { dotProduct } from './dot-product';
import type { VectorMetric } from './vector-index';

/**
 * Rows mapped into a Euclidean space where the nearest row is the best one under the original metric, so
 * one L2 index serves every metric: cosine normalises rows and queries; dot (maximum inner product) appends
 * sqrt(M² − |x|²) to each row and 0 to the query, so |q' − x'|² = |q|² + M² − 2·q·x.
 */
export interface L2Space {
  /** [rows, dim] row-major, in the mapped space. */
  vectors: Float32Array;
  dim: number;
  /** The query ([original dim]) in the mapped space ([dim]). */
  mapQuery: (query: Float32Array) => Float32Array;
}

/** Maps `vectors` ([rows, dim]) so that Euclidean nearest = highest `metric` score. */
export function toL2Space(vectors: Float32Array, dim: number, metric: VectorMetric): L2Space {
  if (metric === 'neg-l2') return { vectors, dim, mapQuery: (query) => query };
  if (metric === 'cosine') {
    return { vectors: normalizedRows(vectors, dim), dim, mapQuery: (q) => normalizedRows(q, dim) };
  }
  return augmentedForInnerProduct(vectors, dim);
}

function normalizedRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let offset = 0; offset + dim <= vectors.length; offset += dim) {
    const inverseNorm = 1 / (Math.sqrt(dotProduct(vectors, offset, vectors, offset, dim)) || 1);
    for (let d = 0; d < dim; d++) out[offset + d] = vectors[offset + d] * inverseNorm;
  }
  return out;
}

function augmentedForInnerProduct(vectors: Float32Array, dim: number): L2Space {
  const rows = Math.floor(vectors.length / dim);
  const squaredNorms = new Float64Array(rows);
  let maxSquaredNorm = 0;
  for (let row = 0; row < rows; row++) {
    squaredNorms[row] = dotProduct(vectors, row * dim, vectors, row * dim, dim);
    maxSquaredNorm = Math.max(maxSquaredNorm, squaredNorms[row]);
  }
  const out = new Float32Array(rows * (dim + 1));
  for (let row = 0; row < rows; row++) {
    out.set(vectors.subarray(row * dim, row * dim + dim), row * (dim + 1));
    out[row * (dim + 1) + dim] = Math.sqrt(Math.max(maxSquaredNorm - squaredNorms[row], 0));
  }
  return {
    vectors: out,
    dim: dim + 1,
    mapQuery: (query) => {
      const mapped = new Float32Array(dim + 1);
      mapped.set(query.subarray(0, dim));
      return mapped;
    },
  };
}
