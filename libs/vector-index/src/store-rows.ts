import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { dotProduct } from './dot-product';
import type { KernelMemory, RowBlock } from './kernel-memory';
import type { SpaceMapping } from './l2-space';

/** Writes the table's rows, mapped, into `block` with their squared norms; yields between slices. */
export function* storeRows(
  memory: KernelMemory,
  block: RowBlock,
  mapping: SpaceMapping,
): BuildSteps<void> {
  const norms = memory.norms(block);
  const rowsPerSlice = Math.max(1, Math.floor(WORK_PER_SLICE / (4 * mapping.dim)));
  const { unchanged } = mapping;
  if (unchanged && memory.stride === mapping.dim) {
    // Rows as they are, without padding: one copy, then the norms.
    memory.floats.set(unchanged.subarray(0, block.count * mapping.dim), block.rowsAt / 4);
    yield;
    const rows = memory.rows(block);
    for (let row = 0; row < block.count; row++) {
      norms[row] = dotProduct(rows, row * mapping.dim, rows, row * mapping.dim, mapping.dim);
      if ((row + 1) % rowsPerSlice === 0) yield;
    }
    return;
  }
  for (let row = 0; row < block.count; row++) {
    norms[row] = mapping.mapRow(row, memory.floats, memory.rowAddress(block, row) / 4);
    if ((row + 1) % rowsPerSlice === 0) yield;
  }
}
