import type { GeometryKind, GeometryTables, RowGeometry } from './row-geometry';

/** Buffer management shared by the geometries; each one supplies its one-row and four-row loops. */
export abstract class BatchedGeometry implements RowGeometry {
  abstract readonly kind: GeometryKind;
  abstract readonly isDistance: boolean;
  protected readonly anchors: Float32Array;
  protected readonly others: Float32Array;
  protected readonly dim: number;
  protected anchorOffset = 0;
  /** Offsets of the rows last scored (the caller's array). */
  protected offsets: Int32Array;
  /** Scores of the rows last scored. */
  protected scores: Float64Array;
  private readonly single = new Int32Array(1);

  constructor(tables: GeometryTables) {
    this.anchors = tables.anchors;
    this.others = tables.others;
    this.dim = tables.dim;
    this.offsets = this.single;
    this.scores = new Float64Array(64);
  }

  setAnchor(anchorOffset: number): void {
    this.anchorOffset = anchorOffset;
  }

  scoreRows(offsets: Int32Array, count: number): Float64Array {
    if (count > this.scores.length) this.grow(count);
    this.offsets = offsets;
    let index = 0;
    for (; index + 4 <= count; index += 4) this.scoreFour(index);
    for (; index < count; index++) this.scoreOne(index);
    return this.scores;
  }

  score(otherOffset: number): number {
    this.single[0] = otherOffset;
    this.offsets = this.single;
    this.scoreOne(0);
    return this.scores[0];
  }

  abstract addGradients(
    anchorGrad: Float64Array,
    otherGrad: Float64Array,
    coef: number,
    index: number,
  ): void;

  /** Sets scores[index] for the row at offsets[index]. */
  protected abstract scoreOne(index: number): void;

  /** Sets scores[index .. index + 4) in one pass over the four rows. */
  protected abstract scoreFour(index: number): void;

  /** Called when the per-row buffers grow to `capacity`. */
  protected grow(capacity: number): void {
    this.scores = new Float64Array(capacity * 2);
  }
}
