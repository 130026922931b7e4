// One door into the Kafka adapters: the only code that knows topic names and kafkajs.
export { KafkaEventSink } from './kafka-event-sink';
export type { KafkaEventSinkOptions } from './kafka-event-sink';
export { KafkaEventSource } from './kafka-event-source';
export type { KafkaEventSourceOptions } from './kafka-event-source';
export {
  KafkaDeadLetterSink,
  DEAD_LETTER_REASON_HEADER,
  ORIGINAL_POSITION_HEADER,
  ORIGINAL_TOPIC_HEADER,
  ORIGINAL_PARTITION_HEADER,
  ORIGINAL_OFFSET_HEADER,
} from './kafka-dead-letter-sink';
export { KafkaBrokerProbe } from './kafka-broker-probe';
export { KafkaStreamStats } from './kafka-stream-stats';
export type { KafkaStreamStatsOptions } from './kafka-stream-stats';
export { ensureTopics } from './ensure-topics';
export type { EnsureTopicsOptions } from './ensure-topics';
export { createKafkaClient } from './create-kafka-client';
export type { KafkaClientOptions } from './create-kafka-client';
export { createKafkaConsoleLogCreator } from './kafka-console-log-creator';
export type { LogLineWriter } from './kafka-console-log-creator';
export {
  resolveKafkaEventStreamOptions,
  DEFAULT_TOPIC,
  DEFAULT_DEAD_LETTER_TOPIC,
  DEFAULT_GROUP_ID,
  DEFAULT_PARTITIONS,
} from './kafka-event-stream-options';
export type {
  KafkaEventStreamOptions,
  ResolvedKafkaEventStreamOptions,
} from './kafka-event-stream-options';
export { SCHEMA_HEADER, INTERACTIONS_V1_SCHEMA } from './interaction-message';
export type { RedeliveryNotice, BatchHandler } from './kafka-batch-processor';
export type { RedeliveryBackoff } from './redelivery-backoff';
