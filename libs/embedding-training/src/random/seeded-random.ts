/**
 * sfc32, a small fast PRNG with 128 bits of state, seeded through splitmix32. Training draws every random
 * number from one of these, so a seed fixes the whole run.
 */
export class SeededRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal = NaN;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Writes the 128-bit state (a, b, c, d) into `into` (e.g. for a WebAssembly kernel that draws on). */
  saveState(into: Int32Array): void {
    into[0] = this.a;
    into[1] = this.b;
    into[2] = this.c;
    into[3] = this.d;
  }

  /** Continues from a state written by `saveState` (and moved on elsewhere by the same algorithm). */
  restoreState(from: Int32Array): void {
    this.a = from[0];
    this.b = from[1];
    this.c = from[2];
    this.d = from[3];
  }

  /** A uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * bound);
  }

  /** A standard normal draw (Box-Muller, the spare value is kept for the next call). */
  nextNormal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = NaN;
      return spare;
    }
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `values` in place (Fisher-Yates). */
  shuffle(values: Int32Array): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}

/** Derives an independent seed for a sub-stream (an epoch, a worker) from a run seed. */
export function deriveSeed(seed: number, ...streams: number[]): number {
  let hash = (seed ^ 0x5bd1e995) >>> 0;
  for (const stream of streams) {
    hash = Math.imul(hash ^ (stream >>> 0), 0x9e3779b1) >>> 0;
    hash = (hash ^ (hash >>> 15)) >>> 0;
    hash = Math.imul(hash, 0x85ebca6b) >>> 0;
    hash = (hash ^ (hash >>> 13)) >>> 0;
  }
  return hash | 0;
}
