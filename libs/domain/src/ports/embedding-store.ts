/** Score of an item for a user: higher is better. `neg-l2` = minus the Euclidean distance. */
export type SimilarityMetric = 'neg-l2' | 'dot' | 'cosine';

/** What a model version says about itself (small; listed without loading vectors). */
export interface ModelMetadata {
  version: string;
  createdAt: string;
  dim: number;
  metric: SimilarityMetric;
  itemCount: number;
  userCount: number;
  metrics: Record<string, number>;
  trainingParams: Record<string, unknown>;
  jobId?: string;
  /**
   * Why the quality gate did not make this version current (both figures in the text); absent for a
   * version that passed. A rejected version is stored, listed and can still be activated by hand.
   */
  rejected?: string;
  /** Liked and unliked events in the log when the training data was read (new signals are counted from it). */
  signalCount?: number;
}

/** How a version is published: `makeCurrent: false` stores it without switching the current pointer. */
export interface PublishOptions {
  makeCurrent: boolean;
}

/** A complete model version as published by the trainer and served by the api. */
export interface ModelSnapshot {
  metadata: ModelMetadata;
  itemIds: string[];
  /** [itemCount, dim] row-major. */
  itemVectors: Float32Array;
  userIds: string[];
  /** [userCount, dim] row-major. */
  userVectors: Float32Array;
  /** Items each user interacted with in training, CSR: user u's item indices are items[offsets[u]..offsets[u+1]). */
  seenItems: { offsets: Int32Array; items: Int32Array };
  /** Item indices, most popular first, for users the model does not know. */
  popularItems: Int32Array;
}

/**
 * Stores model versions. `publish` writes the whole version first, then switches the current pointer in
 * one atomic step, then notifies subscribers; a reader never sees a half-written version. With
 * `{ makeCurrent: false }` (a candidate the gate rejected) the version is stored and listed only: the
 * current pointer stays and nobody is notified.
 */
export interface EmbeddingStore {
  publish(model: ModelSnapshot, options?: PublishOptions): Promise<void>;
  currentVersion(): Promise<string | null>;
  load(version: string): Promise<ModelSnapshot | null>;
  listVersions(): Promise<ModelMetadata[]>;
  /** Makes an existing version current (rollback or forward) and notifies; throws MODEL_NOT_FOUND. */
  activate(version: string): Promise<void>;
  /** Calls `listener` with the new current version after every publish or activate; returns unsubscribe. */
  subscribe(listener: (version: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
