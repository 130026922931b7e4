import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { DomainError } from '@recsys/domain';
import { describeError } from './describe-error';
import { ensureTopics } from './ensure-topics';
import { withTimeout } from './with-timeout';

/** The client to produce with, the one topic it writes, and how long a send may take in all. */
export interface AcknowledgedProducerOptions {
  kafka: Kafka;
  topic: string;
  /** Partition count if the topic has to be created. */
  partitions: number;
  /** Upper bound for connect + ensure topic + send + acknowledgement (default 30 s). */
  sendTimeoutMs?: number;
  /** Error code for a failed send, e.g. `EVENT_PUBLISH_FAILED`. */
  failureCode: string;
}

const DEFAULT_SEND_TIMEOUT_MS = 30_000;
// How long the broker may wait for the in-sync replicas before answering (acks = -1).
const ACK_TIMEOUT_MS = 10_000;
// Bounded on purpose (kafkajs defaults to infinite retries for idempotent producers): the caller gets an
// error and retries; a duplicate from that retry is harmless because every event has a unique id.
const PRODUCER_RETRY = { initialRetryTime: 200, maxRetryTime: 3_000, retries: 5 };

/**
 * An idempotent producer for one topic whose `send` resolves only after every in-sync replica
 * acknowledged (acks = -1) and rejects with a DomainError otherwise, never later than `sendTimeoutMs`.
 * It connects and makes sure its topic exists on first use.
 */
export class AcknowledgedProducer {
  private readonly producer: Producer;
  private readonly sendTimeoutMs: number;
  private connection: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: AcknowledgedProducerOptions) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    this.producer = options.kafka.producer({
      idempotent: true,
      // One request in flight per broker keeps the order of one key's messages even across retries.
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: PRODUCER_RETRY,
    });
  }

  /** Connects and ensures the topic; `send` does this on first use, call it to fail fast at start-up. */
  connect(): Promise<void> {
    this.connection ??= this.openConnection().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** Produces the messages and resolves once the broker acknowledged all of them. */
  async send(messages: Message[]): Promise<void> {
    if (this.closed) {
      throw new DomainError('EVENT_STREAM_CLOSED', `producer for ${this.options.topic} is closed`);
    }
    if (messages.length === 0) return;
    const { topic, failureCode } = this.options;
    try {
      await withTimeout(this.connectAndSend(messages), {
        timeoutMs: this.sendTimeoutMs,
        code: failureCode,
        message: `no acknowledgement for ${messages.length} messages on ${topic} within ${this.sendTimeoutMs} ms`,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === failureCode) throw error;
      throw new DomainError(
        failureCode,
        `could not produce ${messages.length} messages to ${topic}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  /** Disconnects; later sends reject. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connection?.catch(() => undefined);
    await this.producer.disconnect();
  }

  private async openConnection(): Promise<void> {
    const { kafka, topic, partitions } = this.options;
    await ensureTopics(kafka, { topics: [topic], partitions });
    await this.producer.connect();
  }

  private async connectAndSend(messages: Message[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic: this.options.topic,
      acks: -1,
      timeout: ACK_TIMEOUT_MS,
      messages,
    });
  }
}
