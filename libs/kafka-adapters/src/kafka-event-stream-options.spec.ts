import { DomainError } from '@recsys/domain';
import { resolveKafkaEventStreamOptions } from './kafka-event-stream-options';

describe('resolveKafkaEventStreamOptions', () => {
  it('fills in the versioned topic names, the ingestor group and 3 partitions', () => {
    const resolved = resolveKafkaEventStreamOptions({ brokers: ['b:9092'], clientId: 'api' });
    expect(resolved).toEqual({
      brokers: ['b:9092'],
      clientId: 'api',
      topic: 'interactions.v1',
      deadLetterTopic: 'interactions.v1.dead-letter',
      groupId: 'ingestor',
      partitions: 3,
    });
  });

  it('keeps explicit values', () => {
    const resolved = resolveKafkaEventStreamOptions({
      brokers: ['b:9092'],
      clientId: 'x',
      topic: 't',
      deadLetterTopic: 'd',
      groupId: 'g',
      partitions: 7,
    });
    expect([
      resolved.topic,
      resolved.deadLetterTopic,
      resolved.groupId,
      resolved.partitions,
    ]).toEqual(['t', 'd', 'g', 7]);
  });

  it('lists every problem at once under INVALID_KAFKA_OPTIONS', () => {
    let thrown: unknown;
    try {
      resolveKafkaEventStreamOptions({
        brokers: [],
        clientId: ' ',
        topic: 'same',
        deadLetterTopic: 'same',
        partitions: 0,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const error = thrown as DomainError;
    expect(error.code).toBe('INVALID_KAFKA_OPTIONS');
    expect((error.details as { problems: string[] }).problems).toHaveLength(4);
  });
});
