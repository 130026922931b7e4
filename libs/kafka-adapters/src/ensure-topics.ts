import type { Kafka } from 'kafkajs';
import { DomainError } from '@recsys/domain';
import { describeError } from './describe-error';

/** The topics to make sure of, and the partition count for the ones that must be created. */
export interface EnsureTopicsOptions {
  topics: readonly string[];
  partitions: number;
}

// -1 lets the broker apply its default.replication.factor (1 on the single test node, 3 in production).
const BROKER_DEFAULT_REPLICATION = -1;

/**
 * Creates whichever of the topics do not exist yet and waits until they have leaders. Idempotent and
 * safe to race with another client doing the same; existing topics keep their partition count.
 */
export async function ensureTopics(kafka: Kafka, options: EnsureTopicsOptions): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    // Asking first keeps the usual case (topics exist) free of the broker's TOPIC_ALREADY_EXISTS errors.
    const existing = new Set(await admin.listTopics());
    const missing = options.topics.filter((topic) => !existing.has(topic));
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: BROKER_DEFAULT_REPLICATION,
      })),
    });
    // createTopics skips the leader wait when some topic already existed: metadata retries until leaders exist.
    await admin.fetchTopicMetadata({ topics: [...options.topics] });
  } catch (error) {
    throw new DomainError(
      'KAFKA_TOPICS_UNAVAILABLE',
      `could not ensure topics ${options.topics.join(', ')}: ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    await admin.disconnect();
  }
}
