// node bench/run.js bench/train/mirror-kernel.ts [ITEM_COUNTS] [DIM]
// Nanoseconds per candidate of the candidate mirror's kernels alone (`assembly/candidate-block.wat`):
// `drawItems` (W uniform ids) and `closestGathered` (W int8 rows scored against a quantised anchor, the
// closest kept), W = 128, 1 thread, for mirrors of ITEM_COUNTS rows (default 1000,5000,41000: 64 KB,
// 320 KB and Gowalla's 2.6 MB at dim 64). Each id set is scored 16 times, so the rows mostly come from
// cache: the figure is the kernel's arithmetic, what a pick costs beyond its rows' cache misses.
import {
  allocateTableMemory,
  claimScratch,
} from '../../libs/embedding-training/src/geometry/table-memory';
import {
  loadBlockKernel,
  rowStride,
} from '../../libs/embedding-training/src/negatives/block-kernel';

const W = 128;
const REPEATS = 200_000;
const SCORES_PER_DRAW = 16;

function measure(itemCount: number, dim: number): { drawNs: number; scoreNs: number } {
  const stride = rowStride(dim);
  const arena = itemCount * (stride + 8) + 2 * W * 4 + 4 * stride + 1024;
  const placed = allocateTableMemory([dim], arena);
  if (!placed) throw new Error('no memory');
  const { tableMemory } = placed;
  const rows = claimScratch(tableMemory, itemCount * stride);
  const scale = claimScratch(tableMemory, itemCount * 4);
  const bias = claimScratch(tableMemory, itemCount * 4);
  const ids = claimScratch(tableMemory, W * 4);
  const out = claimScratch(tableMemory, W * 4);
  const scratch = claimScratch(tableMemory, 2 * stride);
  const state = claimScratch(tableMemory, 16);
  const buffer = tableMemory.memory.buffer;
  const bytes = new Int8Array(buffer, rows, itemCount * stride);
  for (let i = 0; i < bytes.length; i++) bytes[i] = ((i * 37) % 255) - 127;
  new Float32Array(buffer, scale, itemCount).fill(0.01);
  new Int32Array(buffer, state, 4).set([1, 2, 3, 4]);
  const anchor = placed.tables[0];
  anchor.forEach((_, k) => (anchor[k] = Math.sin(k)));
  const kernel = loadBlockKernel(tableMemory);
  let started = process.hrtime.bigint();
  for (let r = 0; r < REPEATS; r++) kernel.drawItems(state, W, itemCount, ids);
  const drawNs = Number(process.hrtime.bigint() - started) / REPEATS / W;
  let sink = 0;
  started = process.hrtime.bigint();
  for (let r = 0; r < REPEATS; r++) {
    if (r % SCORES_PER_DRAW === 0) kernel.drawItems(state, W, itemCount, ids);
    sink += kernel.closestGathered(anchor.byteOffset, dim, stride, rows, scale, bias, ids, W, out, Infinity, scratch); // prettier-ignore
  }
  const scoreNs = Number(process.hrtime.bigint() - started) / REPEATS / W;
  if (sink < 0) throw new Error('no candidate scored');
  return { drawNs, scoreNs };
}

const itemCounts = (process.argv[2] ?? '1000,5000,41000').split(',').map(Number);
const dim = Number(process.argv[3] ?? 64);
if (
  !itemCounts.every((count) => Number.isInteger(count) && count > 0) ||
  !(Number.isInteger(dim) && dim > 0)
) {
  throw new Error(
    'usage: mirror-kernel.ts [ITEM_COUNTS, e.g. 1000,41000] [DIM]: positive integers',
  );
}
// A first run tiers the kernels up (Liftoff, then TurboFan): its figures would be the compilers'.
measure(itemCounts[0], dim);
for (const itemCount of itemCounts) {
  const { drawNs, scoreNs } = measure(itemCount, dim);
  const mirrorMB = (itemCount * rowStride(dim)) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ itemCount, dim, mirrorMB: +mirrorMB.toFixed(2), drawNsPerId: +drawNs.toFixed(2), scoreNsPerCandidate: +scoreNs.toFixed(2) })}\n`,
  );
}
