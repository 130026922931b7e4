import type { DeadLetterSink, EventLog, EventSource, RealtimeStore } from '@recsys/domain';
import type { InteractionSignals } from '@recsys/triplets';

/** The ports the ingestor uses, built by the composition root (real adapters, or embedded ones). */
export interface IngestorDependencies {
  eventSource: EventSource;
  deadLetterSink: DeadLetterSink;
  eventLog: EventLog;
  /** Fed after the event log write, so the api reacts to clicks before the next training. */
  realtimeStore: RealtimeStore;
  clock: () => Date;
}

/** How events turn into training signal. */
export interface IngestorSettings {
  signals: InteractionSignals;
  maxTripletsPerEvent: number;
}

export const INGESTOR_DEPENDENCIES = Symbol('INGESTOR_DEPENDENCIES');
export const INGESTOR_SETTINGS = Symbol('INGESTOR_SETTINGS');
