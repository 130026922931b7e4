import type { ClassifiedEvent, RealtimeBacklog } from '@recsys/domain';
import type { DataSource } from 'typeorm';
import { queryRows } from '../storage/query-rows';
import { failingAsUnavailable } from '../storage/unavailable-error';
import { toClassifiedEvent, type LoggedEventRow } from './logged-event-row';

const ADD_SQL = `
  INSERT INTO realtime_backlog (event_id)
  SELECT DISTINCT unnest($1::text[])
  ON CONFLICT (event_id) DO NOTHING`;

// Rows stay locked (and other drainers skip them) until the transaction ends: deleted if the realtime store
// took the events, back in the backlog if it failed. Order does not matter: the store orders by event time.
const TAKE_SQL = `
  WITH taken AS (
    DELETE FROM realtime_backlog
    WHERE event_id IN (SELECT event_id FROM realtime_backlog LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING event_id
  )
  SELECT e.event_id, e.user_id, e.item_id, e.type, e.value, e.shown_item_ids,
         to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
         to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at,
         e.polarity, e.weight
  FROM taken JOIN interaction_events e USING (event_id)`;

/** The realtime backlog in `realtime_backlog`, next to the event log it refers to. */
export class PostgresRealtimeBacklog implements RealtimeBacklog {
  constructor(private readonly dataSource: DataSource) {}

  async add(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await failingAsUnavailable('add to the realtime backlog', () =>
      queryRows(this.dataSource.manager, ADD_SQL, [[...eventIds]]),
    );
  }

  drain(
    limit: number,
    record: (events: readonly ClassifiedEvent[]) => Promise<void>,
  ): Promise<number> {
    return failingAsUnavailable('drain the realtime backlog', () =>
      this.dataSource.transaction(async (manager) => {
        const rows = await queryRows<LoggedEventRow>(manager, TAKE_SQL, [limit]);
        if (rows.length > 0) await record(rows.map(toClassifiedEvent));
        return rows.length;
      }),
    );
  }

  async size(): Promise<number> {
    const rows = await queryRows<{ waiting: number }>(
      this.dataSource.manager,
      'SELECT count(*)::int AS waiting FROM realtime_backlog',
    );
    return Number(rows[0].waiting);
  }
}
