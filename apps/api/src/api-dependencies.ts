import type { EmbeddingStore, EventSink, JobQueue } from '@recsys/domain';

/** Something the api needs to answer requests; readiness fails while any check rejects. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** The ports the api uses, built by the composition root (real adapters, or embedded ones). */
export interface ApiDependencies {
  eventSink: EventSink;
  jobQueue: JobQueue;
  embeddingStore: EmbeddingStore;
  readinessChecks: ReadinessCheck[];
  clock: () => Date;
}

/** HTTP behaviour the api is configured with. */
export interface ApiSettings {
  recommendDefaultLimit: number;
  recommendMaxLimit: number;
  /** Safety-net poll of the current model version, in case a publish notification was missed. */
  modelPollIntervalMs: number;
}

export const API_DEPENDENCIES = Symbol('API_DEPENDENCIES');
export const API_SETTINGS = Symbol('API_SETTINGS');
