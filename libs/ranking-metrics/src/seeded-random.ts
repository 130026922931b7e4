/** A source of uniform numbers in [0, 1); seeded so that splits are reproducible. */
export type RandomSource = () => number;

/** Returns a fast seeded PRNG (mulberry32): the same seed gives the same sequence on every platform. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `values` in place (Fisher-Yates) with the given random source. */
export function shuffleInPlace(values: Int32Array, random: RandomSource): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
}
