import type { Admin } from 'kafkajs';
import type { PartitionLag, StreamStats } from '@recsys/domain';
import { createKafkaClient } from './create-kafka-client';

/** Which topics and consumer group the dashboard's stream figures are about. */
export interface KafkaStreamStatsOptions {
  brokers: readonly string[];
  clientId: string;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
}

/**
 * Stream figures from Kafka's own offsets (admin api, no consumer): dead letters = messages kept in the
 * dead-letter topic (end minus start offsets); lag = the interactions topic's end offsets minus the
 * ingestors' committed offsets, per partition (a partition the group never committed counts from its start).
 */
export class KafkaStreamStats implements StreamStats {
  private readonly admin: Admin;
  private connection: Promise<void> | undefined;

  constructor(private readonly options: KafkaStreamStatsOptions) {
    this.admin = createKafkaClient(options).admin();
  }

  async deadLetterCount(): Promise<number> {
    await this.connect();
    const offsets = await this.admin.fetchTopicOffsets(this.options.deadLetterTopic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  }

  async consumerLag(): Promise<PartitionLag[]> {
    await this.connect();
    const { topic, groupId } = this.options;
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map(
      (committed?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]),
    );
    return ends
      .map(({ partition, high, low }) => {
        const done = committedByPartition.get(partition) ?? -1;
        // -1: nothing committed yet, so everything still in the partition is behind.
        const from = done >= 0 ? done : Number(low);
        return { partition, lag: Math.max(0, Number(high) - from) };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  private async connect(): Promise<void> {
    this.connection ??= this.admin.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    await this.connection;
  }
}
