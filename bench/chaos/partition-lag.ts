import type { Admin } from 'kafkajs';

/** One partition of a topic: where its log ends and how far a consumer group has committed. */
export interface PartitionLag {
  partition: number;
  endOffset: number;
  /** -1 when the group never committed on this partition. */
  committedOffset: number;
}

/**
 * The committed offset of `groupId` against the end of every partition of `topic`: a partition whose
 * committed offset stays short of its end after the settle time is stalled.
 */
export async function partitionLags(
  admin: Admin,
  options: { topic: string; groupId: string },
): Promise<PartitionLag[]> {
  const ends = await admin.fetchTopicOffsets(options.topic);
  const [committed] = await admin.fetchOffsets({
    groupId: options.groupId,
    topics: [options.topic],
  });
  const committedByPartition = new Map(
    (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
  );
  return ends
    .map((end) => ({
      partition: end.partition,
      endOffset: Number(end.high),
      committedOffset: committedByPartition.get(end.partition) ?? -1,
    }))
    .sort((a, b) => a.partition - b.partition);
}

/** The partitions of `lags` that hold messages the group has not committed past. */
export function laggingPartitions(lags: readonly PartitionLag[]): PartitionLag[] {
  return lags.filter((lag) => lag.endOffset > 0 && lag.committedOffset < lag.endOffset);
}
