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

/**
 * Produces messages that can never be processed to the dead-letter topic: the original key and
 * value, the reason and the original position as headers, acks = -1. `send` resolves once the
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
    },
  };
}
