import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A row of `user_item_signals`: for one user and item, the latest liked/unliked signal (by when it happened,
 * then when it was logged, then event id) and the strongest liked weight ever seen. Written in the same
 * transaction as the events, so the history and the training positives are index reads, not scans of the log.
 */
@Entity({ name: 'user_item_signals' })
@Check('user_item_signals_polarity_check', 'polarity IN (-1, 1)')
// Read backwards: a user's most recent liked (or unliked) items first.
@Index('user_item_signals_recent_idx', [
  'userId',
  'polarity',
  'signalAt',
  'signalReceivedAt',
  'signalEventId',
])
export class UserItemSignalEntity {
  @PrimaryColumn({
    name: 'user_id',
    type: 'text',
    collation: 'C',
    primaryKeyConstraintName: 'user_item_signals_pkey',
  })
  userId!: string;

  @PrimaryColumn({
    name: 'item_id',
    type: 'text',
    collation: 'C',
    primaryKeyConstraintName: 'user_item_signals_pkey',
  })
  itemId!: string;

  @Column({ type: 'smallint' })
  polarity!: number;

  @Column({ name: 'signal_at', type: 'timestamptz' })
  signalAt!: Date;

  @Column({ name: 'signal_received_at', type: 'timestamptz' })
  signalReceivedAt!: Date;

  @Column({ name: 'signal_event_id', type: 'text', collation: 'C' })
  signalEventId!: string;

  @Column({ name: 'max_positive_weight', type: 'real', nullable: true })
  maxPositiveWeight!: number | null;

  // Every positive event type seen for the pair: the trainer weights the pair by them (WEIGHT_*).
  @Column({ name: 'positive_types', type: 'text', array: true, default: () => "'{}'" })
  positiveTypes!: string[];

  /** When the latest like of the pair happened (event time); null if it was never liked. */
  @Column({ name: 'last_liked_at', type: 'timestamptz', nullable: true })
  lastLikedAt!: Date | null;
}
