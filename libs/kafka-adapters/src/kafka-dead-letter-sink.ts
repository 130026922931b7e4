import type { Message } from 'kafkajs';
import type { DeadLetter, DeadLetterSink } from '@recsys/domain';
import { AcknowledgedProducer } from './acknowledged-producer';
import { createKafkaClient } from './create-kafka-client';
import {
  resolveKafkaEventStreamOptions,
  type KafkaEventStreamOptions,
} from './kafka-event-stream-options';

/** Header with the reason a message was rejected. */
export const DEAD_LETTER_REASON_HEADER = 'dead-letter-reason';
/** Header with where the message was read (`topic/partition/offset`). */
export const ORIGINAL_POSITION_HEADER = 'original-position';
/** The same position as three headers, for consumers that filter on one of them. */
export const ORIGINAL_TOPIC_HEADER = 'original-topic';
export const ORIGINAL_PARTITION_HEADER = 'original-partition';
export const ORIGINAL_OFFSET_HEADER = 'original-offset';

/**
 * Produces messages that can never be processed to the dead-letter topic: the original key and
 * value (the bytes as read), the reason (the validation errors, or the error that made the message fail
 * alone) and the original topic, partition and offset as headers, acks = -1. `send` resolves once the
 * broker acknowledged them, so the caller may then commit the originals.
 */
export class KafkaDeadLetterSink implements DeadLetterSink {
  private readonly producer: AcknowledgedProducer;

  constructor(options: KafkaEventStreamOptions & { sendTimeoutMs?: number }) {
    const resolved = resolveKafkaEventStreamOptions(options);
    this.producer = new AcknowledgedProducer({
      kafka: createKafkaClient(resolved),
      topic: resolved.deadLetterTopic,
      partitions: resolved.partitions,
      sendTimeoutMs: options.sendTimeoutMs,
      failureCode: 'DEAD_LETTER_SEND_FAILED',
    });
  }

  /** Sends the letters; resolves once the broker acknowledged all of them. */
  send(letters: readonly DeadLetter[]): Promise<void> {
    return this.producer.send(letters.map(toDeadLetterMessage));
  }

  /** Disconnects the producer; later sends reject. */
  close(): Promise<void> {
    return this.producer.close();
  }
}

function toDeadLetterMessage({ message, reason }: DeadLetter): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      [DEAD_LETTER_REASON_HEADER]: reason,
      [ORIGINAL_POSITION_HEADER]: message.position,
      ...positionHeaders(message.position),
    },
  };
}

// The source writes `topic/partition/offset`; topic names cannot hold '/', so the last two parts split.
function positionHeaders(position: string): Record<string, string> {
  const parts = position.split('/');
  if (parts.length < 3) return {};
  const offset = parts.pop()!;
  const partition = parts.pop()!;
  return {
    [ORIGINAL_TOPIC_HEADER]: parts.join('/'),
    [ORIGINAL_PARTITION_HEADER]: partition,
    [ORIGINAL_OFFSET_HEADER]: offset,
  };
}
