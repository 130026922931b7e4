import type { RowGeometry } from '../geometry/row-geometry';
import type { TrainingExample } from '../kernel/training-example';
import type { TripletLoss } from '../losses/triplet-loss';

/** Counts an example's triplets that have a negative gradient, with the kernel's own loss and geometry. */
export class ActiveTripletCounter {
  private readonly offsets: Int32Array;

  constructor(
    private readonly parts: {
      loss: TripletLoss;
      /** An instance of its own. */
      geometry: RowGeometry;
      dim: number;
      maxNegatives: number;
    },
  ) {
    this.offsets = new Int32Array(parts.maxNegatives + 1);
  }

  /** How many of the example's negatives violate the margin (give the loss a slope) right now. */
  count(example: TrainingExample): number {
    const { loss, geometry, dim } = this.parts;
    const count = example.negativeCount;
    for (let k = 0; k < count; k++) this.offsets[k] = example.negatives[k] * dim;
    this.offsets[count] = example.positive * dim;
    geometry.setAnchor(example.user * dim);
    const scores = geometry.scoreRows(this.offsets, count + 1);
    let active = 0;
    for (let k = 0; k < count; k++) {
      loss.evaluate(scores[count], scores[k]);
      if (loss.gradNegative !== 0) active++;
    }
    return active;
  }
}
