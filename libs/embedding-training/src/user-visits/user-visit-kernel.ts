import { join } from 'node:path';
import { instantiateLibWasm } from '@recsys/wasm-modules';

/**
 * The exports of `assembly/user-visit.wat`: whole user visits of the default large-catalogue training
 * (train-time mix, hardest-of-W picks from an int8 mirror, rank-weighted Euclidean hinge, row-Adagrad)
 * in one call. Every argument is a byte address in the shared memory, or a count.
 */
export interface UserVisitKernel {
  /**
   * Trains the work items `work[0 .. workCount)` in order (i32: w < pairCount the pair w, else the explicit
   * triplet w - pairCount); a run of one user's items, pairs and explicit triplets mixed, is a visit.
   */
  trainVisits(ctx: number, work: number, workCount: number): void;
  /** Re-quantises item rows [first, first + count) into the mirror, its scales and biases. */
  copyMirrorRows(ctx: number, first: number, count: number): void;
}

/** Compiled `.wasm` lives in libs/embedding-training/wasm, beside src/. */
const SRC_DIR = join(__dirname, '..');

/** The kernel over `memory` (its `env.memory` import; one instance per thread). */
export function loadUserVisitKernel(memory: WebAssembly.Memory): UserVisitKernel {
  return instantiateLibWasm<UserVisitKernel>(SRC_DIR, 'user-visit', memory);
}

/** Bytes of the context block; it starts on a 64-byte boundary. */
export const VISIT_CONTEXT_BYTES = 192;
const ALIGN_BYTES = 64;
/** Negatives per pair the kernel's pick slots hold. */
export const MAX_VISIT_NEGATIVES = 4;

type FieldType = 'i32' | 'u32' | 'f32' | 'f64';

/**
 * Byte offset and type of every context field. Addresses (i32) point at: users f32 [userCount, dim],
 * items f32 [itemCount, dim], userAcc / itemAcc f32 [rows] (row-Adagrad), likedOffsets i32
 * [userCount + 1] and likedItems i32 (each user's list sorted ascending, distinct), shares f32
 * [userCount] (g_u), pairUsers / pairItems i32 [pairCount], pairWeights f32 [pairCount], mirror int8
 * [itemCount, dim], mirrorScale f32 [itemCount] (max|x| / 127), mirrorBias f32 [itemCount]
 * (-0.5 ||x||²), rankWeights f32 [K · K] (rankWeightTable), scratch (visitScratchBytes),
 * explicitUsers / explicitPositives / explicitNegatives i32 [explicitCount], noiseTable f32
 * [NOISE_TABLE_SIZE] (gumbelNoiseTable of the temperature: `write` fills it). rng, cursor, cursorDue,
 * lossSum and tripletCount are read and written back by every trainVisits call.
 *
 * An explicit triplet trains as a pair with exactly one negative, its own (rank weight entry 0, scaled by
 * explicitWeight): no draws, no cursor copy. It is skipped, uncounted, when explicitWeight is 0 or the
 * user likes the negative (a liked item is never a negative, as in the composed path's example builder).
 */
export const VISIT_CONTEXT_FIELDS = {
  dim: [0, 'i32'],
  itemCount: [4, 'i32'],
  users: [8, 'i32'],
  items: [12, 'i32'],
  userAcc: [16, 'i32'],
  itemAcc: [20, 'i32'],
  likedOffsets: [24, 'i32'],
  likedItems: [28, 'i32'],
  shares: [32, 'i32'],
  pairUsers: [36, 'i32'],
  pairItems: [40, 'i32'],
  pairWeights: [44, 'i32'],
  mirror: [48, 'i32'],
  mirrorScale: [52, 'i32'],
  mirrorBias: [56, 'i32'],
  /** W: mirror rows scored per hard pick (1..1024). */
  candidates: [60, 'i32'],
  /** K: negatives per pair (1..4). */
  negatives: [64, 'i32'],
  learningRate: [68, 'f32'],
  margin: [72, 'f32'],
  /** 0: no max-norm projection. */
  maxNorm: [76, 'f32'],
  /** Probability that a negative is a hard pick (else a uniform not-liked draw). */
  hardShare: [80, 'f32'],
  rankWeights: [84, 'i32'],
  scratch: [88, 'i32'],
  /** xorshift32 state, never 0. */
  rng: [92, 'u32'],
  /** The next item row the cursor re-copies into the mirror. */
  cursor: [96, 'i32'],
  /** Fractional rows owed to the cursor copy. */
  cursorDue: [100, 'f32'],
  /** Rows the cursor copies per trained pair (W / 128 at the defaults). */
  cursorRowsPerPair: [104, 'f32'],
  lossSum: [112, 'f64'],
  tripletCount: [120, 'f64'],
  /** Work items below it are pairs; work item w >= pairCount is the explicit triplet w - pairCount. */
  pairCount: [128, 'i32'],
  explicitUsers: [132, 'i32'],
  explicitPositives: [136, 'i32'],
  explicitNegatives: [140, 'i32'],
  /** The weight of every explicit triplet (0: none trains). */
  explicitWeight: [144, 'f32'],
  /**
   * t of the soft hard pick (`hardNegativeTemperature`): > 0 draws each pick from softmax(score / t)
   * over its W candidates (Gumbel-max, the noise t · G read from noiseTable); 0 picks the hardest.
   */
  temperature: [152, 'f32'],
  /**
   * f32 [NOISE_TABLE_SIZE]: gumbelNoiseTable(temperature), which `VisitContext.write` writes whenever
   * it writes a temperature > 0 or this address; read only when temperature > 0.
   */
  noiseTable: [156, 'i32'],
} as const satisfies Record<string, readonly [number, FieldType]>;

export type VisitContextField = keyof typeof VISIT_CONTEXT_FIELDS;
export type VisitContextValues = Record<VisitContextField, number>;

/** Typed views of one context block at byte address `address` of `memory`. */
export class VisitContext {
  private readonly views: Record<FieldType, Int32Array | Uint32Array | Float32Array | Float64Array>;

  constructor(
    private readonly memory: WebAssembly.Memory,
    readonly address: number,
  ) {
    if (address % ALIGN_BYTES !== 0)
      throw new RangeError(`context at ${address}: not 64-byte aligned`);
    const buffer = memory.buffer;
    this.views = {
      i32: new Int32Array(buffer, address, VISIT_CONTEXT_BYTES / 4),
      u32: new Uint32Array(buffer, address, VISIT_CONTEXT_BYTES / 4),
      f32: new Float32Array(buffer, address, VISIT_CONTEXT_BYTES / 4),
      f64: new Float64Array(buffer, address, VISIT_CONTEXT_BYTES / 8),
    };
  }

  /**
   * Writes the given fields (f32 fields are rounded to f32, rng taken as u32). Writing a temperature
   * > 0, or the noise table's address while it is > 0, (re)writes the table for it, so the kernel's
   * noise always follows the temperature it reads; a temperature > 0 without a table address is refused.
   */
  write(values: Partial<VisitContextValues>): this {
    for (const [field, value] of Object.entries(values) as [VisitContextField, number][]) {
      if (!(field in VISIT_CONTEXT_FIELDS)) throw new RangeError(`no context field ${field}`);
      this.put(field, value);
    }
    checkShape(this.get('dim'), this.get('candidates'), this.get('negatives'), values);
    if (values.temperature !== undefined || values.noiseTable !== undefined) this.writeNoiseTable();
    return this;
  }

  get(field: VisitContextField): number {
    const [offset, type] = VISIT_CONTEXT_FIELDS[field];
    return this.views[type][offset / (type === 'f64' ? 8 : 4)];
  }

  // The fields a runner changes between calls (the warm-up's hard share, the epoch's sums).
  get hardShare(): number {
    return this.get('hardShare');
  }
  set hardShare(value: number) {
    this.put('hardShare', value);
  }
  get lossSum(): number {
    return this.get('lossSum');
  }
  set lossSum(value: number) {
    this.put('lossSum', value);
  }
  get tripletCount(): number {
    return this.get('tripletCount');
  }
  set tripletCount(value: number) {
    this.put('tripletCount', value);
  }

  /** Every field's current value. */
  read(): VisitContextValues {
    const names = Object.keys(VISIT_CONTEXT_FIELDS) as VisitContextField[];
    return Object.fromEntries(names.map((name) => [name, this.get(name)])) as VisitContextValues;
  }

  private put(field: VisitContextField, value: number): void {
    const [offset, type] = VISIT_CONTEXT_FIELDS[field];
    this.views[type][offset / (type === 'f64' ? 8 : 4)] = value;
  }

  /** The noise table of the context's temperature (f32, as the kernel reads it), when it is > 0. */
  private writeNoiseTable(): void {
    const temperature = this.get('temperature');
    if (!(temperature > 0)) return;
    const at = this.get('noiseTable');
    if (at === 0 || at % 4 !== 0) {
      throw new RangeError(`temperature ${temperature} > 0 needs a noise table (address ${at})`);
    }
    // the memory's current buffer: it may have grown since the views were made
    new Float32Array(this.memory.buffer, at, NOISE_TABLE_SIZE).set(gumbelNoiseTable(temperature));
  }
}

/**
 * Bytes of one thread's scratch (64-byte aligned): seven f32 rows (mean, anchor, three gradients,
 * pending, spread), the i16 anchor, the pair's negatives (64 bytes), W candidate ids, W scores and W
 * noises (a soft pick's f32 t · G per candidate, from the noise table).
 */
export function visitScratchBytes(dim: number, candidates: number): number {
  checkShape(dim, candidates, 1, { dim, candidates });
  return 7 * dim * 4 + alignUp(2 * dim) + ALIGN_BYTES + 3 * alignUp(4 * candidates);
}

/**
 * f32 [K · K]: entry (count - 1) · K + (active - 1) is log1p((itemCount - 1) · active / count) / active,
 * the rank weight (WARP / CML) of `active` violating negatives of `count` found (WebAssembly has no log).
 */
export function rankWeightTable(itemCount: number, negatives: number): Float32Array {
  const table = new Float32Array(negatives * negatives);
  for (let count = 1; count <= negatives; count++) {
    for (let active = 1; active <= count; active++) {
      const rank = Math.log1p(((itemCount - 1) * active) / count) / active;
      table[(count - 1) * negatives + active - 1] = rank;
    }
  }
  return table;
}

/**
 * Bits of the product's low half that index the soft pick's noise table (`gumbelNoiseTable`): its top
 * 12, written into the kernel's index as (low >>> 18) & 0x3FFC, the entry's byte offset.
 */
export const NOISE_TABLE_BITS = 12;
/** Entries of the noise table: 2^NOISE_TABLE_BITS. */
export const NOISE_TABLE_SIZE = 1 << NOISE_TABLE_BITS;
/** Bytes of the noise table (16 KiB: it stays in L1 beside the scoring). */
export const NOISE_TABLE_BYTES = NOISE_TABLE_SIZE * 4;

/**
 * The soft pick's Gumbel noise, scaled: entry i is t · G_i rounded once to f32, where G_i = -ln(-ln((i +
 * 0.5) / NOISE_TABLE_SIZE)) (f64, Math.log) is the standard Gumbel quantile at the middle of the i-th of
 * NOISE_TABLE_SIZE equal slices and t the temperature as the kernel reads it (f32). A candidate's noise
 * is entry `low >>> (32 - NOISE_TABLE_BITS)`, low the low 32 bits of the product x · itemCount whose
 * high half is its id: for a given id those bits are uniform over [0, 2^32) (in steps of itemCount) and
 * do not depend on the id, so the noise needs no draw of its own and no logarithm in the kernel (which
 * has no log instruction). Why: one more xorshift step and two fast f32 logs per candidate cost a fifth
 * of the whole default Gowalla run (162.2 s with them, 131.6 s with the table, back to back; engine
 * README, "Twentieth sitting"). The host's table and the reference's are this one function. Increasing in i; over the table G has the distribution's mean ~0.5772 (Euler's gamma) and
 * variance ~pi^2 / 6; its extremes are -ln(ln 8192) ~ -2.2 and ~9.0.
 */
export function gumbelNoiseTable(temperature: number): Float32Array {
  const t = Math.fround(temperature);
  return Float32Array.from({ length: NOISE_TABLE_SIZE }, (_, i) => {
    const gumbel = -Math.log(-Math.log((i + 0.5) / NOISE_TABLE_SIZE));
    return Math.fround(t * gumbel);
  });
}

/** Dims the kernel takes: whole 16-float vectors, at most 1024 (its i32 candidate sums cannot overflow). */
export function kernelTakesDim(dim: number): boolean {
  return dim % 16 === 0 && dim >= 16 && dim <= 1024;
}

/** Candidates per hard pick (W) the kernel takes. */
export function kernelTakesCandidates(candidates: number): boolean {
  return Number.isInteger(candidates) && candidates >= 1 && candidates <= 1024;
}

/** Negatives per pair (K) the kernel takes. */
export function kernelTakesNegatives(negatives: number): boolean {
  return Number.isInteger(negatives) && negatives >= 1 && negatives <= MAX_VISIT_NEGATIVES;
}

/** Throws when a field just written is outside the kernel's shapes. */
function checkShape(
  dim: number,
  candidates: number,
  negatives: number,
  written: Partial<VisitContextValues>,
): void {
  if (written.dim !== undefined && !kernelTakesDim(dim)) {
    throw new RangeError(`dim ${dim}: the kernel takes multiples of 16 in 16..1024`);
  }
  if (written.candidates !== undefined && !kernelTakesCandidates(candidates)) {
    throw new RangeError(`candidates ${candidates}: the kernel takes 1..1024`);
  }
  if (written.negatives !== undefined && !kernelTakesNegatives(negatives)) {
    throw new RangeError(`negatives ${negatives}: the kernel takes 1..${MAX_VISIT_NEGATIVES}`);
  }
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}
