// The dashboard's stream figures from a real broker: dead letters = messages in the dead-letter topic,
// consumer lag = topic end minus the group's committed offset, per partition.
import { createKafkaClient, ensureTopics, KafkaStreamStats } from '@recsys/kafka-adapters';
import { serviceUrls, uniqueName } from '../../support/services';

const TIMEOUT_MS = 120_000;

describe('KafkaStreamStats', () => {
  const brokers = serviceUrls().kafkaBrokers;
  const kafka = createKafkaClient({ brokers, clientId: 'stream-stats-test' });
  const topic = uniqueName('stats_interactions');
  const deadLetterTopic = `${topic}.dead-letter`;
  const groupId = uniqueName('stats_group');
  const stats = new KafkaStreamStats({
    brokers,
    clientId: 'stats',
    topic,
    deadLetterTopic,
    groupId,
  });

  beforeAll(async () => {
    await ensureTopics(kafka, { topics: [topic, deadLetterTopic], partitions: 2 });
    const producer = kafka.producer();
    await producer.connect();
    const messages = (partition: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ partition, value: `m${i}` }));
    await producer.send({ topic, acks: -1, messages: [...messages(0, 5), ...messages(1, 3)] });
    await producer.send({ topic: deadLetterTopic, acks: -1, messages: messages(1, 2) });
    await producer.disconnect();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stats.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] }).catch(() => undefined);
    await admin.disconnect();
  }, TIMEOUT_MS);

  it('counts the dead letters kept in the dead-letter topic', async () => {
    expect(await stats.deadLetterCount()).toBe(2);
  });

  it(
    'counts every message as lag before the group commits, then what is left after its offsets',
    async () => {
      expect(await stats.consumerLag()).toEqual([
        { partition: 0, lag: 5 },
        { partition: 1, lag: 3 },
      ]);
      const admin = kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '4' }] });
      await admin.disconnect();
      expect(await stats.consumerLag()).toEqual([
        { partition: 0, lag: 1 },
        { partition: 1, lag: 3 },
      ]);
    },
    TIMEOUT_MS,
  );
});
