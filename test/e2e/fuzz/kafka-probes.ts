// What the fuzz suites ask Kafka after a batch: is every partition still moving (a canary event sent
// to each partition reaches the event log), and what went to the dead-letter topic.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { PostgresStorage } from '@recsys/postgres-adapters';
import {
  laggingPartitions,
  partitionLags,
  type PartitionLag,
} from '../../../bench/chaos/partition-lag';

/** Partitions whose canary was not stored in time, with the group's committed offset and the end. */
export async function sendCanaries(
  kafka: Kafka,
  options: { topic: string; groupId: string; storage: PostgresStorage; timeoutMs: number },
): Promise<{ partitions: number; stalled: PartitionLag[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(options.topic);
    const canaries = ends.map(({ partition }) => ({
      partition,
      event: {
        eventId: `canary-${partition}-${Date.now()}`,
        userId: `canary-user-${partition}`,
        itemId: 'canary-item',
        type: 'click',
        timestamp: new Date().toISOString(),
      },
    }));
    const producer = kafka.producer();
    await producer.connect();
    for (const { partition, event } of canaries) {
      await producer.send({
        topic: options.topic,
        acks: -1,
        messages: [{ partition, key: event.userId, value: JSON.stringify(event) }],
      });
    }
    await producer.disconnect();
    const ids = canaries.map((c) => c.event.eventId);
    const deadline = Date.now() + options.timeoutMs;
    while (Date.now() < deadline) {
      if ((await options.storage.eventLog.countByEventIds(ids)) === ids.length) break;
      await sleep(250);
    }
    // Give the consumer a moment to commit the canary's offset after writing it.
    await sleep(1000);
    const stored = new Set<string>();
    for (const id of ids) if ((await options.storage.eventLog.countByEventIds([id])) === 1) stored.add(id); // prettier-ignore
    const lags = await partitionLags(admin, options);
    const lagging = new Set(laggingPartitions(lags).map((lag) => lag.partition));
    const canaryOf = new Map(canaries.map((c) => [c.partition, c.event.eventId]));
    const stalled = lags.filter(
      (lag) => lagging.has(lag.partition) || !stored.has(canaryOf.get(lag.partition) ?? ''),
    );
    return { partitions: ends.length, stalled };
  } finally {
    await admin.disconnect();
  }
}

/** Every message of `topic` (it may not exist: nothing was dead-lettered), read from the beginning. */
export async function readWholeTopic(
  kafka: Kafka,
  options: { topic: string; groupId: string; timeoutMs: number },
): Promise<KafkaMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(options.topic);
  const total = exists
    ? (await admin.fetchTopicOffsets(options.topic)).reduce((sum, p) => sum + Number(p.high), 0)
    : 0;
  await admin.disconnect();
  if (total === 0) return [];
  const consumer = kafka.consumer({ groupId: options.groupId });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        messages.push(message);
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + options.timeoutMs;
    while (messages.length < total && Date.now() < deadline) await sleep(200);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
