import type { InteractionEventV1 } from '@recsys/interaction-events';
import { KafkaEventSink } from '@recsys/kafka-adapters';
import type { EventSender, RefusedEvent } from './event-sender';

/**
 * Produces batches to the interactions topic with the api's own adapter (JSON value, key = userId,
 * schema header, idempotent producer, acks from all replicas). Events were validated before, so the
 * broker refuses none; a failure after the adapter's retries stops the import.
 */
export class KafkaEventSender implements EventSender {
  private readonly sink: KafkaEventSink;

  constructor(options: { brokers: string[]; topic: string }) {
    this.sink = new KafkaEventSink({ brokers: options.brokers, topic: options.topic, clientId: 'recsys-import' }); // prettier-ignore
  }

  /** Connects (and creates the topic if it is missing), so a bad broker fails before reading. */
  connect(): Promise<void> {
    return this.sink.connect();
  }

  async send(events: readonly InteractionEventV1[]): Promise<RefusedEvent[]> {
    await this.sink.publish(events);
    return [];
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
