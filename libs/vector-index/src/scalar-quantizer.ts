/**
 * Scalar quantisation: each dimension d of a row is stored as one signed byte c with
 * x̂[d] = offset[d] + scale[d]·c, the byte range spread over that dimension's range in the data
 * (rows are encoded by the quantize kernel, see quantize-kernel.ts).
 * A query is turned into i16 weights so the integer dot product with the codes gives q·x̂ back:
 * q·x̂ = Σ q[d]·offset[d] + Σ (q[d]·scale[d])·c[d] ≈ shift + scale · Σ weight[d]·c[d].
 */
export interface ScalarQuantizer {
  /** Per dimension ([dim]). */
  scale: Float32Array;
  offset: Float32Array;
  /** 1 / scale, so encoding multiplies. */
  inverseScale: Float32Array;
}

/** The query as the code kernel takes it: q·x̂ ≈ shift + scale · (weights · codes). */
export interface CodeQuery {
  weights: Int16Array;
  scale: number;
  shift: number;
}

/** Fits the per-dimension ranges of `count` rows of `dim` floats, `stride` apart, in `rows`. */
export function fitQuantizer(
  rows: Float32Array,
  shape: { count: number; dim: number; stride: number },
): ScalarQuantizer {
  const { count, dim, stride } = shape;
  const low = new Float32Array(dim).fill(Infinity);
  const high = new Float32Array(dim).fill(-Infinity);
  for (let row = 0; row < count; row++) {
    for (let d = 0, at = row * stride; d < dim; d++, at++) {
      if (rows[at] < low[d]) low[d] = rows[at];
      if (rows[at] > high[d]) high[d] = rows[at];
    }
  }
  const scale = new Float32Array(dim);
  const offset = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    const range = count > 0 ? high[d] - low[d] : 0;
    scale[d] = range > 0 ? range / 255 : 1;
    offset[d] = count > 0 ? low[d] + 128 * scale[d] : 0;
  }
  return { scale, offset, inverseScale: scale.map((value) => 1 / value) };
}

/**
 * A quantizer with one scale for every dimension (the largest of `fitted`'s), centred on each dimension's
 * range: code distances Σ(a − b)² are then the real squared distances over scale², so codes can be
 * compared with each other (k-means assignment), at the price of precision in narrow dimensions.
 */
export function uniformQuantizer(fitted: ScalarQuantizer): ScalarQuantizer {
  const largest = fitted.scale.reduce((max, value) => Math.max(max, value), 0) || 1;
  // fitted: the byte range [−128, 127] spans [offset − 128·scale, offset + 127·scale].
  const offset = fitted.offset.map((value, d) => value - 0.5 * fitted.scale[d]);
  return { scale: fitted.scale.map(() => largest), offset, inverseScale: fitted.scale.map(() => 1 / largest) }; // prettier-ignore
}

/** The query ([dim] or shorter: missing dimensions are 0) for the code kernel. */
export function quantizeQuery(quantizer: ScalarQuantizer, query: Float32Array): CodeQuery {
  const { scale, offset } = quantizer;
  const dim = scale.length;
  const length = Math.min(query.length, dim);
  let shift = 0;
  let largest = 0;
  for (let d = 0; d < length; d++) {
    shift += query[d] * offset[d];
    largest = Math.max(largest, Math.abs(query[d] * scale[d]));
  }
  // The kernel sums dim products of |weight| ≤ limit and |code| ≤ 128 in i32: keep that below 2^31.
  const limit = Math.min(32_767, Math.floor(0x7fffffff / (128 * dim)));
  const weightScale = largest > 0 ? largest / limit : 1;
  const weights = new Int16Array(dim);
  for (let d = 0; d < length; d++) weights[d] = Math.round((query[d] * scale[d]) / weightScale);
  return { weights, scale: weightScale, shift };
}
