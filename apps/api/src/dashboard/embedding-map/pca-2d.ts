// Pure: a 2-D principal component projection of embedding rows, for the dashboard's map. Deterministic
// (power iteration from a fixed start, signs fixed), so the same model always gives the same picture.

/** The plane the map is drawn on: a mean and two orthonormal axes, each of length `dim`. */
export interface PlaneBasis {
  mean: Float64Array;
  axes: [Float64Array, Float64Array];
}

const ITERATIONS = 300;
const CONVERGED = 1e-10;

/**
 * The two principal axes of `rows` ([count, dim] row-major): the directions of largest variance, by power
 * iteration on the covariance (the second kept orthogonal to the first). Zero variance gives unit axes.
 */
export function principalPlane(rows: Float32Array, dim: number): PlaneBasis {
  const count = rows.length / dim;
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let d = 0; d < dim; d++) mean[d] += rows[r * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, count);
  const covariance = covarianceOf(rows, dim, mean);
  const first = dominantAxis(covariance, dim, []);
  const second = dominantAxis(covariance, dim, [first]);
  return { mean, axes: [first, second] };
}

/** Coordinates on `basis` of the vector at `offset` in `vectors` (length `dim`). */
export function projectOnPlane(
  basis: PlaneBasis,
  vectors: Float32Array,
  offset: number,
): { x: number; y: number } {
  const [a, b] = basis.axes;
  let x = 0;
  let y = 0;
  for (let d = 0; d < basis.mean.length; d++) {
    const centred = vectors[offset + d] - basis.mean[d];
    x += centred * a[d];
    y += centred * b[d];
  }
  return { x, y };
}

// [dim, dim] row-major, divided by count (a scale factor does not move the axes).
function covarianceOf(rows: Float32Array, dim: number, mean: Float64Array): Float64Array {
  const count = rows.length / dim;
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dim; d++) centred[d] = rows[r * dim + d] - mean[d];
    for (let i = 0; i < dim; i++) {
      const ci = centred[i];
      for (let j = i; j < dim; j++) covariance[i * dim + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      covariance[i * dim + j] /= Math.max(1, count);
      covariance[j * dim + i] = covariance[i * dim + j];
    }
  }
  return covariance;
}

function dominantAxis(
  covariance: Float64Array,
  dim: number,
  orthogonalTo: readonly Float64Array[],
): Float64Array {
  // A start with every component distinct, so it is not orthogonal to the axis sought in practice.
  let axis = new Float64Array(dim).map((_, d) => 1 + d / dim);
  orthogonalise(axis, orthogonalTo);
  if (!normalise(axis)) return unitAxis(dim, orthogonalTo);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += covariance[i * dim + j] * axis[j];
      next[i] = sum;
    }
    orthogonalise(next, orthogonalTo);
    if (!normalise(next)) return unitAxis(dim, orthogonalTo);
    let change = 0;
    for (let d = 0; d < dim; d++) change += (next[d] - axis[d]) ** 2;
    axis = next;
    if (change < CONVERGED) break;
  }
  return withFixedSign(axis);
}

function orthogonalise(vector: Float64Array, against: readonly Float64Array[]): void {
  for (const other of against) {
    let dot = 0;
    for (let d = 0; d < vector.length; d++) dot += vector[d] * other[d];
    for (let d = 0; d < vector.length; d++) vector[d] -= dot * other[d];
  }
}

/** Scales to length 1; false when the vector is (numerically) zero. */
function normalise(vector: Float64Array): boolean {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm < 1e-12) return false;
  for (let d = 0; d < vector.length; d++) vector[d] /= norm;
  return true;
}

// An eigenvector's sign is arbitrary: make its largest component positive, so the map never flips.
function withFixedSign(axis: Float64Array): Float64Array {
  let largest = 0;
  for (let d = 1; d < axis.length; d++)
    if (Math.abs(axis[d]) > Math.abs(axis[largest])) largest = d;
  return axis[largest] < 0 ? axis.map((value) => -value) : axis;
}

/** No variance left: the first unit vector orthogonal to the axes found so far. */
function unitAxis(dim: number, orthogonalTo: readonly Float64Array[]): Float64Array {
  for (let d = 0; d < dim; d++) {
    const axis = new Float64Array(dim);
    axis[d] = 1;
    orthogonalise(axis, orthogonalTo);
    if (normalise(axis)) return withFixedSign(axis);
  }
  return new Float64Array(dim);
}
