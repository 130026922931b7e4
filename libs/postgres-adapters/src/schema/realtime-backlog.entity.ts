import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A row of `realtime_backlog`: a logged event the realtime store (Redis) has not recorded yet because it
 * was unreachable. The event itself stays in `interaction_events`; no foreign key, so adding rows costs one
 * index insert each.
 */
@Entity({ name: 'realtime_backlog' })
export class RealtimeBacklogEntity {
  @PrimaryColumn({
    name: 'event_id',
    type: 'text',
    collation: 'C',
    primaryKeyConstraintName: 'realtime_backlog_pkey',
  })
  eventId!: string;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt!: Date;
}
