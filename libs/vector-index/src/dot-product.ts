/**
 * Dot product of a[aOffset .. aOffset+dim) and b[bOffset .. bOffset+dim). Four accumulators let V8 overlap
 * the multiply-adds; this loop is where search and build spend their time.
 */
export function dotProduct(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dim: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    s0 += a[aOffset + d] * b[bOffset + d];
    s1 += a[aOffset + d + 1] * b[bOffset + d + 1];
    s2 += a[aOffset + d + 2] * b[bOffset + d + 2];
    s3 += a[aOffset + d + 3] * b[bOffset + d + 3];
  }
  for (; d < dim; d++) s0 += a[aOffset + d] * b[bOffset + d];
  return s0 + s1 + s2 + s3;
}
