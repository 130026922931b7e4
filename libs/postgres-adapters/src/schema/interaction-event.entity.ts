import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A row of `interaction_events`: one logged interaction with its classification (polarity, weight). Only the
 * primary key has a b-tree index, to keep appends cheap; per-user reads go to `user_item_signals`. The
 * BRIN index on `received_at` (USING brin in its migration) is a few pages, nearly free on append.
 */
@Entity({ name: 'interaction_events' })
@Index('interaction_events_received_at_brin', ['receivedAt'])
@Check('interaction_events_polarity_check', 'polarity IN (-1, 0, 1)')
export class InteractionEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', collation: 'C' })
  eventId!: string;

  @Column({ name: 'user_id', type: 'text', collation: 'C' })
  userId!: string;

  @Column({ name: 'item_id', type: 'text', collation: 'C' })
  itemId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'real', nullable: true })
  value!: number | null;

  @Column({ name: 'shown_item_ids', type: 'jsonb', nullable: true })
  shownItemIds!: string[] | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'smallint' })
  polarity!: number;

  @Column({ type: 'real' })
  weight!: number;
}
