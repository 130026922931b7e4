import type { AppendResult, ClassifiedEvent, EventLog, TripletDeriver } from '@recsys/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { InteractionEventEntity } from '../schema/interaction-event.entity';
import { dedupeByEventId } from './dedupe-by-event-id';
import { insertTriplets } from './insert-triplets';
import { logNewEvents } from './log-new-events';
import { queryRows } from '../storage/query-rows';
import { failingAsUnavailable } from '../storage/unavailable-error';

/**
 * The event log in `interaction_events`. `append` fails with STORAGE_UNAVAILABLE when the database cannot
 * be reached (retry later); any other failure is about the events themselves. `close()` closes the whole storage it belongs to (the pool is
 * shared with the triplet store and the job queue).
 */
export class PostgresEventLog implements EventLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly closeStorage: () => Promise<void>,
  ) {}

  async append(events: readonly ClassifiedEvent[], derive: TripletDeriver): Promise<AppendResult> {
    const unique = dedupeByEventId(events);
    if (unique.length === 0) return { inserted: 0, duplicates: events.length, triplets: 0 };
    const { inserted, triplets } = await failingAsUnavailable('append events', () =>
      this.dataSource.transaction((manager) => appendInTransaction(manager, unique, derive)),
    );
    return { inserted, duplicates: events.length - inserted, triplets };
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(InteractionEventEntity).count();
  }

  async countByEventIds(eventIds: readonly string[]): Promise<number> {
    if (eventIds.length === 0) return 0;
    const rows = await queryRows<{ found: number }>(
      this.dataSource.manager,
      'SELECT count(*)::int AS found FROM interaction_events WHERE event_id = ANY($1::text[])',
      [[...new Set(eventIds)]],
    );
    return Number(rows[0].found);
  }

  async countReceivedSince(since: Date): Promise<number> {
    const rows = await queryRows<{ received: number }>(
      this.dataSource.manager,
      'SELECT count(*)::int AS received FROM interaction_events WHERE received_at >= $1',
      [since.toISOString()],
    );
    return Number(rows[0].received);
  }

  close(): Promise<void> {
    return this.closeStorage();
  }
}

async function appendInTransaction(
  manager: EntityManager,
  events: readonly ClassifiedEvent[],
  derive: TripletDeriver,
): Promise<{ inserted: number; triplets: number }> {
  const { newEventIds, historyByUser } = await logNewEvents(manager, events);
  if (newEventIds.size === 0) return { inserted: 0, triplets: 0 };
  const newEvents = events.filter((classified) => newEventIds.has(classified.event.eventId));
  const triplets = await insertTriplets(manager, derive(newEvents, historyByUser));
  return { inserted: newEvents.length, triplets };
}
