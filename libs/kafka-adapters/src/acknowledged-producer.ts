import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { DomainError } from '@recsys/domain';
import { describeError } from './describe-error';
import { ensureTopics } from './ensure-topics';
import { messageBytes, sendChunks } from './send-chunks';
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
  /**
   * Largest record batch one produce request carries (default 900,000 bytes, under the broker's default
   * `message.max.bytes` of 1,048,588); bigger sends are split, in order, into several requests.
   */
  maxSendBytes?: number;
  /** Error code for messages the broker can never take (one message above the limit); default `MESSAGE_TOO_LARGE`. */
  tooLargeCode?: string;
}

const DEFAULT_SEND_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_SEND_BYTES = 900_000;
// The broker's answers to a request it will refuse however often it is retried.
const TOO_LARGE_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
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
  private readonly maxSendBytes: number;
  private connection: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: AcknowledgedProducerOptions) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    this.maxSendBytes = options.maxSendBytes ?? DEFAULT_MAX_SEND_BYTES;
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
    const chunks = sendChunks(messages, this.maxSendBytes);
    const oversized = chunks.find(
      (chunk) => chunk.length === 1 && messageBytes(chunk[0]) > this.maxSendBytes,
    );
    if (oversized) throw this.tooLarge(`a message of ${messageBytes(oversized[0])} bytes`);
    try {
      await withTimeout(this.connectAndSend(chunks), {
        timeoutMs: this.sendTimeoutMs,
        code: failureCode,
        message: `no acknowledgement for ${messages.length} messages on ${topic} within ${this.sendTimeoutMs} ms`,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === failureCode) throw error;
      if (isTooLarge(error)) throw this.tooLarge(`${messages.length} messages`, error);
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

  // One request after the other: with one request in flight, a user's events keep their order.
  private async connectAndSend(chunks: Message[][]): Promise<void> {
    await this.connect();
    for (const messages of chunks) {
      await this.producer.send({
        topic: this.options.topic,
        acks: -1,
        timeout: ACK_TIMEOUT_MS,
        messages,
      });
    }
  }

  private tooLarge(what: string, cause?: unknown): DomainError {
    return new DomainError(
      this.options.tooLargeCode ?? 'MESSAGE_TOO_LARGE',
      `${what} cannot be produced to ${this.options.topic}: above the broker's message size limit`,
      { maxSendBytes: this.maxSendBytes, cause },
    );
  }
}

/** True when kafkajs reports (directly or as a cause) that the broker refused a batch as too large. */
function isTooLarge(error: unknown): boolean {
  for (let current = error, depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (TOO_LARGE_TYPES.has((current as { type?: string }).type ?? '')) return true;
    current =
      (current as { cause?: unknown }).cause ??
      (current as { originalError?: unknown }).originalError;
  }
  return false;
}
