import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { RawMessage } from '@recsys/domain';
import { redeliveryDelayMs, type RedeliveryBackoff } from './redelivery-backoff';

/** Consumes one batch; a rejection means "deliver these messages again later". */
export type BatchHandler = (batch: readonly RawMessage[]) => Promise<void>;

/** Where a rejected batch starts, and when it will be delivered again. */
export interface RedeliveryNotice {
  topic: string;
  partition: number;
  firstOffset: string;
  /** Consecutive rejections of this partition's batches so far (1 on the first). */
  attempt: number;
  retryInMs: number;
}

/** What the processor needs besides the kafkajs payload. */
export interface KafkaBatchProcessorOptions {
  handler: BatchHandler;
  /** The consumer's seek: makes the next fetch of the partition start at `offset`. */
  seek: (target: { topic: string; partition: number; offset: string }) => void;
  backoff: RedeliveryBackoff;
  /** How often to heartbeat while the handler runs, so a long batch does not cost the assignment. */
  heartbeatIntervalMs: number;
  onHandlerError: (error: unknown, notice: RedeliveryNotice) => void;
  /** Epoch ms now (default Date.now), for how long a partition has been failing. */
  nowMs?: () => number;
}

/**
 * The `eachBatch` of a consumer run with `autoCommit: false` and `eachBatchAutoResolve: false`.
 * A batch is resolved and committed only after the handler resolved. If it rejects, nothing is
 * committed: the partition is paused, the consumer seeks back to the batch's first offset, and the
 * partition resumes after a back-off, so the same messages come again and none is skipped.
 */
export class KafkaBatchProcessor {
  private readonly attempts = new Map<string, number>();
  private readonly failingSince = new Map<string, number>();
  private readonly pendingResumes = new Map<string, NodeJS.Timeout>();
  // Messages behind the partition's high watermark (as of its last fetched batch), per topic/partition.
  private readonly lag = new Map<string, number>();

  constructor(private readonly options: KafkaBatchProcessorOptions) {}

  /** Handles one kafkajs batch (pass as `eachBatch`). */
  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
    const messages = batch.messages.map((message) =>
      toRawMessage(batch.topic, batch.partition, message),
    );
    try {
      await this.handleWithHeartbeats(messages, payload);
    } catch (error) {
      this.scheduleRedelivery(payload, error);
      return;
    }
    this.noteLag(batch, Number(batch.messages[batch.messages.length - 1].offset) + 1);
    this.attempts.delete(partitionKey(batch.topic, batch.partition));
    this.failingSince.delete(partitionKey(batch.topic, batch.partition));
    payload.resolveOffset(batch.messages[batch.messages.length - 1].offset);
    // A failed commit throws into kafkajs, which rejoins the group; the batch is then delivered again.
    await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
  }

  /** Epoch ms since which the longest-failing partition has been rejected without success; null if none. */
  failingSinceMs(): number | null {
    return this.failingSince.size === 0 ? null : Math.min(...this.failingSince.values());
  }

  /** Forgets failures and lag of partitions this member no longer holds (after a rebalance). */
  forgetPartitionsExcept(assigned: ReadonlySet<string>): void {
    for (const key of this.failingSince.keys()) {
      if (!assigned.has(key)) this.failingSince.delete(key);
    }
    for (const key of this.lag.keys()) if (!assigned.has(key)) this.lag.delete(key);
  }

  /**
   * Per `topic/partition` held: messages between the next one to process and the high watermark the last
   * batch of that partition was fetched with (0 once a batch that reached the end was processed).
   */
  lagByPartition(): ReadonlyMap<string, number> {
    return this.lag;
  }

  private noteLag(batch: EachBatchPayload['batch'], nextOffset: number): void {
    const lag = Number(batch.highWatermark) - nextOffset;
    if (Number.isFinite(lag)) this.lag.set(partitionKey(batch.topic, batch.partition), Math.max(0, lag)); // prettier-ignore
  }

  /** Drops the scheduled resumes (on stop: the consumer that was paused is going away). */
  cancelPendingResumes(): void {
    for (const timer of this.pendingResumes.values()) clearTimeout(timer);
    this.pendingResumes.clear();
  }

  private async handleWithHeartbeats(
    messages: RawMessage[],
    payload: EachBatchPayload,
  ): Promise<void> {
    // Errors here mean a rebalance; the commit after the handler then fails and kafkajs rejoins.
    const timer = setInterval(() => {
      payload.heartbeat().catch(() => undefined);
    }, this.options.heartbeatIntervalMs);
    try {
      await this.options.handler(messages);
    } finally {
      clearInterval(timer);
    }
  }

  private scheduleRedelivery(payload: EachBatchPayload, error: unknown): void {
    const { topic, partition, messages } = payload.batch;
    const key = partitionKey(topic, partition);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    if (!this.failingSince.has(key)) this.failingSince.set(key, (this.options.nowMs ?? Date.now)());
    const retryInMs = redeliveryDelayMs(attempt, this.options.backoff);
    const firstOffset = messages[0].offset;
    this.noteLag(payload.batch, Number(firstOffset));
    this.options.onHandlerError(error, { topic, partition, firstOffset, attempt, retryInMs });

    const resume = payload.pause();
    this.options.seek({ topic, partition, offset: firstOffset });
    clearTimeout(this.pendingResumes.get(key));
    const timer = setTimeout(() => {
      this.pendingResumes.delete(key);
      resume();
    }, retryInMs);
    this.pendingResumes.set(key, timer);
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

function toRawMessage(topic: string, partition: number, message: KafkaMessage): RawMessage {
  return {
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    position: `${topic}/${partition}/${message.offset}`,
  };
}
