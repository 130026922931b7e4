/** How far behind the ingestors are on one partition of the interactions stream. */
export interface PartitionLag {
  partition: number;
  /** Messages published to the partition and not yet consumed (committed) by the ingestors. */
  lag: number;
}

/**
 * What the operators' dashboard asks the event stream: how many messages were dead-lettered, and how far
 * behind the ingestors' consumer group is. Read-only; each call asks the stream now.
 */
export interface StreamStats {
  /** Messages kept in the dead-letter stream (never processed). */
  deadLetterCount(): Promise<number>;
  consumerLag(): Promise<PartitionLag[]>;
  close(): Promise<void>;
}
