import {
  DomainError,
  type DeadLetter,
  type DeadLetterSink,
  type EventSink,
  type EventSource,
  type RawMessage,
} from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';

/** Consumes one batch; a rejection means "deliver these messages again later". */
type BatchHandler = (batch: readonly RawMessage[]) => Promise<void>;

/** Where a rejected batch starts and when it comes again. */
export interface InProcessRedeliveryNotice {
  firstPosition: string;
  /** Consecutive rejections so far (1 on the first). */
  attempt: number;
  retryInMs: number;
}

/** Tuning of the in-process channel. */
export interface InProcessEventChannelOptions {
  /** Most messages handed to the handler at once (default 500). */
  maxBatchSize?: number;
  /** Wait before redelivering a rejected batch: doubles per consecutive rejection (default 100 ms .. 5 s). */
  redeliveryBackoff?: { initialMs: number; maxMs: number };
  /** Told about every rejected batch (default: one console.warn line). */
  onHandlerError?: (error: unknown, notice: InProcessRedeliveryNotice) => void;
}

const DEFAULT_MAX_BATCH_SIZE = 500;
const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5_000 };
// Consumed messages are dropped from the front of the queue in chunks, not one splice per batch.
const COMPACT_AFTER_MESSAGES = 4_096;

/**
 * The event stream of the single-process embedded mode: one object is the EventSink, the
 * EventSource and the DeadLetterSink. Messages carry the same bytes as on Kafka (UTF-8 JSON, key =
 * userId) and positions `in-process/0/<offset>`. One queue in publish order, so every user's events
 * stay in order; batches of up to `maxBatchSize` go to one handler at a time; a batch counts as
 * consumed only after the handler resolved, otherwise it comes again after a back-off; a restarted
 * source continues after the last consumed batch.
 *
 * What it does NOT guarantee, unlike Kafka: nothing survives the process. Unconsumed events and dead
 * letters live in memory and are lost on a crash or exit, so `publish` resolving means "queued in
 * this process", not "durable". There is one consumer group (one handler at a time, no partitions,
 * no parallel consumers), and no back-pressure: a handler that falls behind lets the queue grow.
 */
export class InProcessEventChannel implements EventSink, EventSource, DeadLetterSink {
  private readonly maxBatchSize: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly queue: RawMessage[] = [];
  private head = 0;
  private nextOffset = 0;
  private readonly letters: DeadLetter[] = [];
  private delivery: Promise<void> | undefined;
  private running = false;
  private closed = false;
  // Resolves the idle wait of the delivery loop (on publish and stop).
  private wakeIdle: (() => void) | undefined;
  // Ends a redelivery back-off early (on stop only: new messages must not shorten it).
  private endBackoff: (() => void) | undefined;

  constructor(private readonly options: InProcessEventChannelOptions = {}) {
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.backoff = options.redeliveryBackoff ?? DEFAULT_BACKOFF;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new DomainError('INVALID_CHANNEL_OPTIONS', 'maxBatchSize must be a positive integer');
    }
  }

  /** Queues the events as JSON messages keyed by userId; resolves once they are queued. */
  publish(events: readonly InteractionEventV1[]): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    for (const event of events) {
      this.queue.push({
        key: event.userId,
        value: Buffer.from(JSON.stringify(event), 'utf8'),
        position: `in-process/0/${this.nextOffset++}`,
      });
    }
    this.wakeDelivery();
    return Promise.resolve();
  }

  /** Starts delivering unconsumed messages, oldest first, to the handler. */
  start(handler: BatchHandler): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (this.running) {
      return Promise.reject(
        new DomainError('EVENT_SOURCE_ALREADY_STARTED', 'the event source is already running'),
      );
    }
    this.running = true;
    // Deliver from a later tick: the handler never runs inside start() or publish().
    this.delivery = Promise.resolve().then(() => this.deliver(handler));
    return Promise.resolve();
  }

  /** Lets the batch in progress finish (and count as consumed if it succeeds), then stops delivering. */
  async stop(): Promise<void> {
    this.running = false;
    this.endBackoff?.();
    this.wakeDelivery();
    await this.delivery;
    this.delivery = undefined;
  }

  /** Keeps the letters in memory (see deadLetters()). */
  send(letters: readonly DeadLetter[]): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    for (const { message, reason } of letters) {
      this.letters.push({ message: { ...message, value: copyOf(message.value) }, reason });
    }
    return Promise.resolve();
  }

  /** Every dead letter received so far, oldest first. */
  deadLetters(): readonly DeadLetter[] {
    return [...this.letters];
  }

  /** How many published messages no handler has consumed yet. */
  pendingCount(): number {
    return this.queue.length - this.head;
  }

  /** Stops delivery; later publishes and sends reject. Pending messages are dropped with the object. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  private async deliver(handler: BatchHandler): Promise<void> {
    let attempt = 0;
    while (this.running) {
      if (this.pendingCount() === 0) {
        await new Promise<void>((resolve) => (this.wakeIdle = resolve));
        continue;
      }
      const batch = this.queue.slice(this.head, this.head + this.maxBatchSize);
      try {
        await handler(batch);
      } catch (error) {
        attempt += 1;
        await this.waitBeforeRedelivery(error, batch[0].position, attempt);
        continue;
      }
      attempt = 0;
      this.markConsumed(batch.length);
    }
  }

  private async waitBeforeRedelivery(error: unknown, firstPosition: string, attempt: number) {
    const retryInMs = Math.min(
      this.backoff.maxMs,
      this.backoff.initialMs * 2 ** Math.min(attempt - 1, 30),
    );
    try {
      (this.options.onHandlerError ?? warnAboutRedelivery)(error, {
        firstPosition,
        attempt,
        retryInMs,
      });
    } catch {
      // A failing observer must not stop the delivery.
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryInMs);
      this.endBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.endBackoff = undefined;
  }

  private markConsumed(count: number): void {
    this.head += count;
    if (this.head >= COMPACT_AFTER_MESSAGES && this.head * 2 >= this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private wakeDelivery(): void {
    const wake = this.wakeIdle;
    this.wakeIdle = undefined;
    wake?.();
  }
}

function closedError(): DomainError {
  return new DomainError('EVENT_STREAM_CLOSED', 'the in-process channel is closed');
}

function copyOf(value: Buffer | null): Buffer | null {
  return value === null ? null : Buffer.from(value);
}

function warnAboutRedelivery(error: unknown, notice: InProcessRedeliveryNotice): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(
    `[in-process-event-channel] handler rejected the batch from ${notice.firstPosition} ` +
      `(attempt ${notice.attempt}), redelivering in ${notice.retryInMs} ms: ${reason}`,
  );
}
