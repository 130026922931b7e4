import type { PartitionLag, StreamStats } from '@recsys/domain';
import type { InProcessEventChannel } from './in-process-event-channel';

/** The embedded app's stream figures: the channel's one queue is its one "partition". */
export class InProcessStreamStats implements StreamStats {
  constructor(private readonly channel: InProcessEventChannel) {}

  deadLetterCount(): Promise<number> {
    return Promise.resolve(this.channel.deadLetters().length);
  }

  consumerLag(): Promise<PartitionLag[]> {
    return Promise.resolve([{ partition: 0, lag: this.channel.pendingCount() }]);
  }

  /** The channel belongs to the embedded infrastructure, which closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
