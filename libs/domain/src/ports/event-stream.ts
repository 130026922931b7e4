import type { InteractionEventV1 } from '@recsys/interaction-events';

/** Publishes interaction events; resolves only once the stream durably accepted all of them. */
export interface EventSink {
  publish(events: readonly InteractionEventV1[]): Promise<void>;
  close(): Promise<void>;
}

/** A message as read from the stream, before it is decoded and validated. */
export interface RawMessage {
  key: string | null;
  value: Buffer | null;
  /** Where it came from, for dead letters and logs (for Kafka: `topic/partition/offset`). */
  position: string;
}

/**
 * Delivers batches of raw messages. A batch counts as consumed (offsets committed) only after the
 * handler resolved; if it rejects, the batch is delivered again after a back-off.
 */
export interface EventSource {
  start(handler: (batch: readonly RawMessage[]) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  /** What a health check needs to know (a source without it is healthy while started). */
  status?(): EventSourceStatus;
}

/** Whether messages can flow from a source, and whether some are stuck. */
export interface EventSourceStatus {
  /** Started and a member of its consumer group (for Kafka: joined, not crashed or stopped). */
  consuming: boolean;
  /** Epoch ms since which the longest-failing batch has been redelivered without success; null if none. */
  failingSinceMs: number | null;
  /** Messages not yet processed per partition held (`topic/partition`), when the source knows it. */
  lagByPartition?: ReadonlyMap<string, number>;
}

/** A message that could not be decoded or validated, with the reason. */
export interface DeadLetter {
  message: RawMessage;
  reason: string;
}

/** Keeps messages that can never be processed, so they are visible and never block the stream. */
export interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}
