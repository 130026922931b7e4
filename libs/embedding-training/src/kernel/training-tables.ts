import { optimizerStateLengths } from '../optim/sparse-optimizer';
import { SeededRandom } from '../random/seeded-random';
import type { TrainOptions } from '../train-options';

/** The embedding tables and their optimiser state; on SharedArrayBuffers when threads share them. */
export interface TrainingTables {
  /** [userCount, dim] */
  users: Float32Array;
  /** [itemCount, dim] */
  items: Float32Array;
  userState: Float32Array[];
  itemState: Float32Array[];
}

/** Allocates zeroed tables (shared memory when `shared`). */
export function allocateTables(setup: {
  userCount: number;
  itemCount: number;
  options: Pick<TrainOptions, 'dim' | 'optimizer'>;
  shared: boolean;
}): TrainingTables {
  const { userCount, itemCount, options, shared } = setup;
  const allocate = (length: number): Float32Array =>
    shared
      ? new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT))
      : new Float32Array(length);
  return {
    users: allocate(userCount * options.dim),
    items: allocate(itemCount * options.dim),
    userState: optimizerStateLengths(options.optimizer, userCount, options.dim).map(allocate),
    itemState: optimizerStateLengths(options.optimizer, itemCount, options.dim).map(allocate),
  };
}

/** Fills both tables with N(0, initStd^2) draws from `random`, projected into the max-norm ball. */
export function initializeTables(
  tables: TrainingTables,
  options: Pick<TrainOptions, 'dim' | 'initStd' | 'maxNorm'> & { random: SeededRandom },
): void {
  for (const table of [tables.users, tables.items]) {
    for (let i = 0; i < table.length; i++) table[i] = options.random.nextNormal() * options.initStd;
    if (options.maxNorm > 0) clipRows(table, options.dim, options.maxNorm);
  }
}

function clipRows(table: Float32Array, dim: number, maxNorm: number): void {
  for (let offset = 0; offset < table.length; offset += dim) {
    let squared = 0;
    for (let k = 0; k < dim; k++) squared += table[offset + k] * table[offset + k];
    if (squared <= maxNorm * maxNorm) continue;
    const scale = maxNorm / Math.sqrt(squared);
    for (let k = 0; k < dim; k++) table[offset + k] *= scale;
  }
}
