import type { TrainingData } from '../training-data';

/**
 * One batch of work items copied out of the (large, randomly indexed) data arrays in a tight loop of
 * independent loads, whose cache misses overlap, so that the training loop then reads small sequential
 * arrays. Work item w < positives is the positive pair w; larger w is the explicit triplet w - positives.
 */
export class GatheredBatch {
  /** Items in the batch. */
  size = 0;
  readonly users: Int32Array;
  readonly positives: Int32Array;
  /** The explicit negative of a triplet; -1 for a positive pair. */
  readonly explicitNegatives: Int32Array;
  /** The pair's weight (explicit triplets carry theirs from the options). */
  readonly weights: Float32Array;
  private readonly pairCount: number;

  constructor(
    private readonly parts: {
      data: Pick<TrainingData, 'positives' | 'explicitTriplets'>;
      explicitTripletWeight: number;
      batchSize: number;
    },
  ) {
    const capacity = parts.batchSize;
    this.users = new Int32Array(capacity);
    this.positives = new Int32Array(capacity);
    this.explicitNegatives = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
    this.pairCount = parts.data.positives.users.length;
  }

  /** Copies the entries of the work items of `work` (at most batchSize of them). */
  gather(work: Int32Array): void {
    const { positives, explicitTriplets } = this.parts.data;
    const pairs = this.pairCount;
    this.size = work.length;
    for (let i = 0; i < work.length; i++) {
      const w = work[i];
      if (w < pairs) {
        this.users[i] = positives.users[w];
        this.positives[i] = positives.items[w];
        this.weights[i] = positives.weights[w];
        this.explicitNegatives[i] = -1;
      } else {
        this.users[i] = explicitTriplets.users[w - pairs];
        this.positives[i] = explicitTriplets.positives[w - pairs];
        this.weights[i] = this.parts.explicitTripletWeight;
        this.explicitNegatives[i] = explicitTriplets.negatives[w - pairs];
      }
    }
  }
}
