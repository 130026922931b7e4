import type { EventSink } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { AcknowledgedProducer } from './acknowledged-producer';
import { createKafkaClient } from './create-kafka-client';
import { toInteractionMessage } from './interaction-message';
import {
  resolveKafkaEventStreamOptions,
  type KafkaEventStreamOptions,
} from './kafka-event-stream-options';

/** Stream options plus the upper bound for one publish call. */
export interface KafkaEventSinkOptions extends KafkaEventStreamOptions {
  /** Longest a publish may take before it rejects with EVENT_PUBLISH_FAILED (default 30 s). */
  publishTimeoutMs?: number;
  /** Largest record batch of one produce request; bigger publishes are split (default 900,000 bytes). */
  maxRequestBytes?: number;
}

/**
 * Publishes interaction events to the interactions topic: JSON values keyed by userId, header
 * `schema: interactions.v1`, idempotent producer, acks = -1. `publish` resolves only after the
 * broker acknowledged every event and rejects with `EVENT_PUBLISH_FAILED` otherwise (retriable), or
 * `EVENT_TOO_LARGE` when the broker can never take them (not retriable). A publish bigger than
 * `maxRequestBytes` goes out as several produce requests, in order.
 */
export class KafkaEventSink implements EventSink {
  private readonly producer: AcknowledgedProducer;

  constructor(options: KafkaEventSinkOptions) {
    const resolved = resolveKafkaEventStreamOptions(options);
    this.producer = new AcknowledgedProducer({
      kafka: createKafkaClient(resolved),
      topic: resolved.topic,
      partitions: resolved.partitions,
      sendTimeoutMs: options.publishTimeoutMs,
      failureCode: 'EVENT_PUBLISH_FAILED',
      tooLargeCode: 'EVENT_TOO_LARGE',
      maxSendBytes: options.maxRequestBytes,
    });
  }

  /** Connects and creates the topic if needed; optional, publish does it on first use. */
  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Publishes the events; resolves once the broker acknowledged all of them. */
  publish(events: readonly InteractionEventV1[]): Promise<void> {
    return this.producer.send(events.map(toInteractionMessage));
  }

  /** Disconnects the producer; later publishes reject. */
  close(): Promise<void> {
    return this.producer.close();
  }
}
