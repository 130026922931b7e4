import type { GeometryKind } from '../geometry/row-geometry';
import { MIN_NORM } from './block-kernel';

/**
 * The row a user's hard picks are scored against, as the block and the mirror both need it: the user's
 * own row, or the anchor train-time aggregation writes (the mix), and the live closeness of an item to it
 * on the kernels' scale (semi-hard's bound, comparable with the copies' scores).
 */
export class PickAnchor {
  /** The whole table memory as floats (the anchor rows live there). */
  private readonly heap: Float32Array;

  constructor(
    private readonly parts: {
      kind: GeometryKind;
      dim: number;
      users: Float32Array;
      items: Float32Array;
      anchorAddress?: (user: number) => number;
    },
  ) {
    this.heap = new Float32Array(parts.users.buffer);
  }

  /** Byte address of the row `user`'s picks are scored against (the mix under train-time aggregation). */
  addressOf(user: number): number {
    const { anchorAddress, users, dim } = this.parts;
    return anchorAddress?.(user) ?? users.byteOffset + user * dim * 4;
  }

  /** The live closeness of `item` to the anchor row at byte address `anchor`. */
  closeness(anchor: number, item: number): number {
    const { kind, items, dim } = this.parts;
    return anchorCloseness(kind, this.heap, anchor, items, item, dim);
  }
}

/**
 * The closeness of item row `item` to the anchor row at byte address `anchorAddress` (the user's row, or
 * the mix train-time aggregation scores) on the kernels' scale, from the live f32 rows: semi-hard's
 * bound, comparable with the copies' scores of the same anchor.
 */
function anchorCloseness(
  kind: GeometryKind,
  heap: Float32Array,
  anchorAddress: number,
  items: Float32Array,
  item: number,
  dim: number,
): number {
  const a = anchorAddress >> 2;
  const p = item * dim;
  let dot = 0;
  let squaredNorm = 0;
  for (let k = 0; k < dim; k++) {
    dot += heap[a + k] * items[p + k];
    squaredNorm += items[p + k] * items[p + k];
  }
  if (kind === 'euclidean' || kind === 'squared-euclidean') return 2 * dot - squaredNorm;
  return kind === 'cosine' ? dot / Math.max(Math.sqrt(squaredNorm), MIN_NORM) : dot;
}
