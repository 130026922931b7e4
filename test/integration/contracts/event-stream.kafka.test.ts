// The event-stream contract against the real Kafka broker of scripts/services/start.sh.
import { createKafkaEventStreamHarness } from '../kafka/kafka-event-stream-harness';
import { describeEventStreamContract } from './event-stream-contract';

jest.setTimeout(90_000);

describeEventStreamContract('Kafka (kafkajs)', () =>
  Promise.resolve(createKafkaEventStreamHarness()),
);
