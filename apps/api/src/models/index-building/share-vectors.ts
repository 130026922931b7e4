import { pauseForEventLoop } from '@recsys/vector-index';

/**
 * Floats copied between event-loop turns: 128 MiB, some 20-40 ms. Under load every turn runs the queued
 * requests first (tens of ms), so small slices would delay the build more than they help the requests.
 */
const FLOATS_PER_SLICE = 1 << 25;

/**
 * `vectors` on a SharedArrayBuffer, so a worker thread can read them without a copy: the same array if it
 * already is, else a copy made in slices that let requests run in between.
 */
export async function shareVectors(
  vectors: Float32Array,
  pause: () => Promise<void> = pauseForEventLoop,
): Promise<Float32Array> {
  // By tag, not instanceof: the array may come from another realm (a vm context, jest).
  if (Object.prototype.toString.call(vectors.buffer) === '[object SharedArrayBuffer]')
    return vectors;
  const shared = new Float32Array(new SharedArrayBuffer(vectors.byteLength));
  for (let start = 0; start < vectors.length; start += FLOATS_PER_SLICE) {
    shared.set(vectors.subarray(start, start + FLOATS_PER_SLICE), start);
    await pause();
  }
  return shared;
}
