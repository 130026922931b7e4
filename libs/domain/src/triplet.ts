/** A training example: the user should be closer to `positiveItemId` than to `negativeItemId`. */
export interface Triplet {
  userId: string;
  positiveItemId: string;
  negativeItemId: string;
  /** The event that produced this triplet (replays of it produce the same triplet, stored once). */
  sourceEventId: string;
}

/** A (user, liked item) pair with the strongest positive weight seen for it. */
export interface PositiveInteraction {
  userId: string;
  itemId: string;
  weight: number;
  /** When the latest like of the pair happened (event time, ms since the epoch): the temporal holdout's clock. */
  likedAtMs: number;
}

/** What a trainer learns from: aggregated positives and the explicit triplets. */
export interface TrainingSet {
  positives: PositiveInteraction[];
  triplets: Triplet[];
  /** Liked and unliked events in the log when the set was read (see TripletStore.countSignals). */
  signalCount?: number;
}
