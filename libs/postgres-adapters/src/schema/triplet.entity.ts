import { Entity, PrimaryColumn } from 'typeorm';

const KEY = { type: 'text', collation: 'C', primaryKeyConstraintName: 'triplets_pkey' } as const;

/**
 * A row of `triplets`: (user, liked item, unliked item) derived from one event. The four columns are the
 * primary key, so a replayed event's triplets are stored once and the table carries a single index.
 */
@Entity({ name: 'triplets' })
export class TripletEntity {
  @PrimaryColumn({ ...KEY, name: 'user_id' })
  userId!: string;

  @PrimaryColumn({ ...KEY, name: 'positive_item_id' })
  positiveItemId!: string;

  @PrimaryColumn({ ...KEY, name: 'negative_item_id' })
  negativeItemId!: string;

  @PrimaryColumn({ ...KEY, name: 'source_event_id' })
  sourceEventId!: string;
}
