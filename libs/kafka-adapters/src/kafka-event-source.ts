import type { Consumer, Kafka } from 'kafkajs';
import { DomainError, type EventSource, type EventSourceStatus } from '@recsys/domain';
import { createKafkaClient } from './create-kafka-client';
import { describeError } from './describe-error';
import { ensureTopics } from './ensure-topics';
import {
  KafkaBatchProcessor,
  partitionKey,
  type BatchHandler,
  type RedeliveryNotice,
} from './kafka-batch-processor';
import {
  resolveKafkaEventStreamOptions,
  type KafkaEventStreamOptions,
  type ResolvedKafkaEventStreamOptions,
} from './kafka-event-stream-options';
import { DEFAULT_REDELIVERY_BACKOFF, type RedeliveryBackoff } from './redelivery-backoff';

/** Stream options plus the consumer's timing. */
export interface KafkaEventSourceOptions extends KafkaEventStreamOptions {
  redeliveryBackoff?: RedeliveryBackoff;
  /**
   * The broker drops a member it has not heard from for this long (default 6 s, the broker's smallest
   * allowed by default): a killed ingestor's partitions go to the others, or to its restart, that soon.
   */
  sessionTimeoutMs?: number;
  /** Heartbeat period, also while a handler runs (default 1 s). */
  heartbeatIntervalMs?: number;
  /**
   * Longest the broker holds a fetch open when there is nothing new (default 1 s). It bounds how long
   * stop() and the resume after a redelivery back-off wait for the fetch in flight.
   */
  maxWaitTimeMs?: number;
  /**
   * Batches of different partitions handled at once (default: the partition count). One user's events
   * stay in one partition, so their order is kept; a slow write of one partition does not hold the others.
   */
  partitionsConsumedConcurrently?: number;
  /** Told about every rejected batch (default: one console.warn line). */
  onHandlerError?: (error: unknown, notice: RedeliveryNotice) => void;
}

const DEFAULT_SESSION_TIMEOUT_MS = 6_000;
const DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
const DEFAULT_MAX_WAIT_TIME_MS = 1_000;

/**
 * Delivers the interactions topic in batches to one handler, as a member of a consumer group.
 * Offsets are committed only after the handler resolved a batch; a rejected batch is delivered again
 * after a back-off (see KafkaBatchProcessor). A group without a committed offset starts at the
 * earliest message. At-least-once: after a crash or a rebalance, an uncommitted batch comes again.
 */
export class KafkaEventSource implements EventSource {
  private readonly options: ResolvedKafkaEventStreamOptions;
  private readonly kafka: Kafka;
  private running: { consumer: Consumer; processor: KafkaBatchProcessor } | undefined;
  // Joined the group and neither crashed nor stopped since (kafkajs reports both as events).
  private joined = false;

  constructor(private readonly sourceOptions: KafkaEventSourceOptions) {
    this.options = resolveKafkaEventStreamOptions(sourceOptions);
    this.kafka = createKafkaClient(this.options);
  }

  /** Creates the topic if needed, joins the group and starts delivering; resolves once joined. */
  async start(handler: BatchHandler): Promise<void> {
    if (this.running) {
      throw new DomainError('EVENT_SOURCE_ALREADY_STARTED', 'the event source is already running');
    }
    const { topic, partitions, groupId } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.sourceOptions.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      heartbeatInterval: this.heartbeatIntervalMs(),
      maxWaitTimeInMs: this.sourceOptions.maxWaitTimeMs ?? DEFAULT_MAX_WAIT_TIME_MS,
      allowAutoTopicCreation: false,
    });
    const processor = this.createProcessor(handler, consumer);
    this.running = { consumer, processor };
    this.followMembership(consumer, processor);
    try {
      await ensureTopics(this.kafka, { topics: [topic], partitions });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently:
          this.sourceOptions.partitionsConsumedConcurrently ?? partitions,
        eachBatch: (payload) => processor.process(payload),
      });
    } catch (error) {
      this.running = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw new DomainError(
        'EVENT_SOURCE_START_FAILED',
        `could not consume ${topic} as group ${groupId}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  /** Consuming: joined the group (and not crashed or stopped since); and how long a batch has been failing. */
  status(): EventSourceStatus {
    return {
      consuming: this.running !== undefined && this.joined,
      failingSinceMs: this.running?.processor.failingSinceMs() ?? null,
      lagByPartition: this.running?.processor.lagByPartition(),
    };
  }

  /**
   * Lets the batch in progress finish and commit, then leaves the group (kafkajs sends LeaveGroup on
   * disconnect), so the partitions move to the other members, or to this one's restart, at once.
   */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.joined = false;
    running.processor.cancelPendingResumes();
    await running.consumer.disconnect();
  }

  private followMembership(consumer: Consumer, processor: KafkaBatchProcessor): void {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      const assigned = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => partitionKey(topic, partition)),
      );
      processor.forgetPartitionsExcept(new Set(assigned));
    });
    const left = () => {
      this.joined = false;
    };
    consumer.on(consumer.events.CRASH, left);
    consumer.on(consumer.events.STOP, left);
    consumer.on(consumer.events.DISCONNECT, left);
  }

  private heartbeatIntervalMs(): number {
    return this.sourceOptions.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  }

  private createProcessor(handler: BatchHandler, consumer: Consumer): KafkaBatchProcessor {
    return new KafkaBatchProcessor({
      handler,
      seek: (target) => consumer.seek(target),
      backoff: this.sourceOptions.redeliveryBackoff ?? DEFAULT_REDELIVERY_BACKOFF,
      heartbeatIntervalMs: this.heartbeatIntervalMs(),
      onHandlerError: this.sourceOptions.onHandlerError ?? warnAboutRedelivery,
    });
  }
}

function warnAboutRedelivery(error: unknown, notice: RedeliveryNotice): void {
  console.warn(
    `[kafka-event-source] handler rejected ${notice.topic}/${notice.partition} from offset ` +
      `${notice.firstOffset} (attempt ${notice.attempt}), redelivering in ${notice.retryInMs} ms: ` +
      describeError(error),
  );
}
