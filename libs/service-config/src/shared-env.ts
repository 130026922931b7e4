import { intVar, listVar, stringVar, urlVar } from './env-fields';

/** PostgreSQL: event log, triplets and training jobs. */
export const databaseEnv = {
  DATABASE_URL: urlVar({
    default: 'postgres://recsys:recsys@127.0.0.1:5432/recsys',
    schemes: ['postgres', 'postgresql'],
    description: 'PostgreSQL holding the event log, triplets and training jobs',
  }),
};

/** Redis: published model versions and their notifications. */
export const redisEnv = {
  REDIS_URL: urlVar({
    default: 'redis://127.0.0.1:6379',
    schemes: ['redis', 'rediss'],
    description: 'Redis holding published models',
  }),
  REDIS_KEY_PREFIX: stringVar({
    default: 'recsys:',
    description: 'Prefix of every Redis key the service writes',
  }),
};

/** Kafka: the interactions topic and its dead-letter topic. */
export function kafkaEnv(defaultClientId: string) {
  return {
    KAFKA_BROKERS: listVar({
      default: '127.0.0.1:9092',
      description: 'Comma-separated Kafka bootstrap brokers',
    }),
    KAFKA_CLIENT_ID: stringVar({
      default: defaultClientId,
      description: 'Kafka client id of this process',
    }),
    KAFKA_TOPIC: stringVar({
      default: 'interactions.v1',
      description: 'Topic of interaction events (key = userId)',
    }),
    KAFKA_DEAD_LETTER_TOPIC: stringVar({
      default: 'interactions.v1.dead-letter',
      description:
        'Topic of messages that failed to decode or validate, with the reason in a header',
    }),
    KAFKA_GROUP_ID: stringVar({
      default: 'ingestor',
      description: 'Consumer group of the ingestors',
    }),
    KAFKA_TOPIC_PARTITIONS: intVar({
      default: 3,
      min: 1,
      description: 'Partitions when the topics are created',
    }),
  };
}
