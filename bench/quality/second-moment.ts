/**
 * V^T V of the rows of `rows` ([count, dim] row-major) as a full symmetric [dim, dim] matrix, not
 * centred: the items' second moment, whose eigenvectors are the axes a dot product with them varies
 * most along (pick-prefilter.ts), and the Gram matrix of a least-squares fit against every item
 * (implicit-fold-in.ts).
 */
export function secondMoment(rows: Float32Array, dim: number): Float64Array {
  const moment = new Float64Array(dim * dim);
  for (let row = 0; row < rows.length; row += dim) {
    for (let i = 0; i < dim; i++) {
      const value = rows[row + i];
      for (let j = 0; j <= i; j++) moment[i * dim + j] += value * rows[row + j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < i; j++) moment[j * dim + i] = moment[i * dim + j];
  }
  return moment;
}
