import { DomainError } from '@recsys/domain';

/** How the Kafka adapters reach the broker and which topics and group they use. */
export interface KafkaEventStreamOptions {
  brokers: readonly string[];
  clientId: string;
  /** Topic of interaction events (default `interactions.v1`). */
  topic?: string;
  /** Topic of messages that can never be processed (default `interactions.v1.dead-letter`). */
  deadLetterTopic?: string;
  /** Consumer group of the source (default `ingestor`). */
  groupId?: string;
  /** Partition count used when the adapters create the topics (default 3). */
  partitions?: number;
}

/** The options with every default filled in. */
export type ResolvedKafkaEventStreamOptions = Readonly<Required<KafkaEventStreamOptions>>;

export const DEFAULT_TOPIC = 'interactions.v1';
export const DEFAULT_DEAD_LETTER_TOPIC = 'interactions.v1.dead-letter';
export const DEFAULT_GROUP_ID = 'ingestor';
export const DEFAULT_PARTITIONS = 3;

/** Fills in defaults and rejects options that cannot work, listing every problem at once. */
export function resolveKafkaEventStreamOptions(
  options: KafkaEventStreamOptions,
): ResolvedKafkaEventStreamOptions {
  const resolved = {
    brokers: [...options.brokers],
    clientId: options.clientId,
    topic: options.topic ?? DEFAULT_TOPIC,
    deadLetterTopic: options.deadLetterTopic ?? DEFAULT_DEAD_LETTER_TOPIC,
    groupId: options.groupId ?? DEFAULT_GROUP_ID,
    partitions: options.partitions ?? DEFAULT_PARTITIONS,
  };
  const problems = findProblems(resolved);
  if (problems.length > 0) {
    throw new DomainError('INVALID_KAFKA_OPTIONS', problems.join('; '), { problems });
  }
  return Object.freeze(resolved);
}

function findProblems(options: Required<KafkaEventStreamOptions>): string[] {
  const problems: string[] = [];
  if (options.brokers.length === 0 || options.brokers.some((broker) => broker.trim() === '')) {
    problems.push('brokers must list at least one non-empty host:port');
  }
  if (options.clientId.trim() === '') problems.push('clientId must not be empty');
  for (const [name, value] of [
    ['topic', options.topic],
    ['deadLetterTopic', options.deadLetterTopic],
    ['groupId', options.groupId],
  ] as const) {
    if (value.trim() === '') problems.push(`${name} must not be empty`);
  }
  if (options.topic === options.deadLetterTopic) {
    problems.push('deadLetterTopic must differ from topic');
  }
  if (!Number.isInteger(options.partitions) || options.partitions < 1) {
    problems.push('partitions must be a positive integer');
  }
  return problems;
}
