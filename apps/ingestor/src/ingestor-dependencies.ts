import type {
  DeadLetterSink,
  EventLog,
  EventSource,
  RealtimeBacklog,
  RealtimeStore,
} from '@recsys/domain';
import type { InteractionSignals } from '@recsys/triplets';

/** The ports the ingestor uses, built by the composition root (real adapters, or embedded ones). */
export interface IngestorDependencies {
  eventSource: EventSource;
  deadLetterSink: DeadLetterSink;
  eventLog: EventLog;
  /** Fed after the event log write, so the api reacts to clicks before the next training. */
  realtimeStore: RealtimeStore;
  /** Where logged events wait while the realtime store is unreachable (next to the event log). */
  realtimeBacklog: RealtimeBacklog;
  clock: () => Date;
}

/** How events turn into training signal. */
export interface IngestorSettings {
  signals: InteractionSignals;
  maxTripletsPerEvent: number;
}

/** The ingestor's own HTTP health endpoint (the distributed app; the embedded one has the api's). */
export interface IngestorHealthSettings {
  host: string;
  port: number;
  /** Failing after a partition has been retrying one batch for this long. */
  stallMs: number;
}

// One injection token per port, so each provider can be replaced on its own (in tests, or by another
// composition root).
export const EVENT_SOURCE = Symbol('EVENT_SOURCE');
export const DEAD_LETTER_SINK = Symbol('DEAD_LETTER_SINK');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const REALTIME_STORE = Symbol('REALTIME_STORE');
export const REALTIME_BACKLOG = Symbol('REALTIME_BACKLOG');
export const INGESTOR_CLOCK = Symbol('INGESTOR_CLOCK');
export const INGESTOR_SETTINGS = Symbol('INGESTOR_SETTINGS');
export const INGESTOR_HEALTH_SETTINGS = Symbol('INGESTOR_HEALTH_SETTINGS');
