import { HISTORY_LIMIT, type ClassifiedEvent, type UserHistory } from '@recsys/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../storage/query-rows';
import { toEventColumns } from './event-columns';

// A signal replaces the stored one if it happened later (then: was logged later, has the larger event id),
// so the outcome does not depend on the order events arrive in.
const IS_LATER =
  '(EXCLUDED.signal_at, EXCLUDED.signal_received_at, EXCLUDED.signal_event_id) > ' +
  '(s.signal_at, s.signal_received_at, s.signal_event_id)';

const INSERT_EVENTS = `
  INSERT INTO interaction_events
    (event_id, user_id, item_id, type, value, shown_item_ids, occurred_at, polarity, weight)
  SELECT e.event_id, e.user_id, e.item_id, e.type, e.value, e.shown_item_ids::jsonb,
         e.occurred_at::timestamptz, e.polarity, e.weight
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::real[], $6::text[], $7::text[],
              $8::smallint[], $9::real[])
    AS e(event_id, user_id, item_id, type, value, shown_item_ids, occurred_at, polarity, weight)
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id, user_id, item_id, type, polarity, weight, occurred_at, received_at`;

// The positive event types of each pair in the batch: the trainer weights a pair by them (WEIGHT_*).
const PAIR_TYPES = `
  SELECT user_id, item_id, array_agg(DISTINCT type ORDER BY type) AS types
  FROM inserted
  WHERE polarity = 1
  GROUP BY user_id, item_id`;

// Rows are upserted in key order, so concurrent appends for the same users cannot deadlock.
const RECORD_SIGNALS = `
  INSERT INTO user_item_signals AS s
    (user_id, item_id, polarity, signal_at, signal_received_at, signal_event_id, max_positive_weight,
     positive_types, last_liked_at)
  SELECT DISTINCT ON (user_id, item_id)
    user_id, item_id, polarity, occurred_at, received_at, event_id,
    max(weight) FILTER (WHERE polarity = 1) OVER (PARTITION BY user_id, item_id),
    COALESCE(pair_types.types, '{}'),
    max(occurred_at) FILTER (WHERE polarity = 1) OVER (PARTITION BY user_id, item_id)
  FROM inserted LEFT JOIN pair_types USING (user_id, item_id)
  WHERE polarity <> 0
  ORDER BY user_id, item_id, occurred_at DESC, event_id DESC
  ON CONFLICT (user_id, item_id) DO UPDATE SET
    polarity = CASE WHEN ${IS_LATER} THEN EXCLUDED.polarity ELSE s.polarity END,
    signal_at = CASE WHEN ${IS_LATER} THEN EXCLUDED.signal_at ELSE s.signal_at END,
    signal_received_at =
      CASE WHEN ${IS_LATER} THEN EXCLUDED.signal_received_at ELSE s.signal_received_at END,
    signal_event_id = CASE WHEN ${IS_LATER} THEN EXCLUDED.signal_event_id ELSE s.signal_event_id END,
    max_positive_weight = GREATEST(s.max_positive_weight, EXCLUDED.max_positive_weight),
    positive_types = ARRAY(
      SELECT DISTINCT t FROM unnest(s.positive_types || EXCLUDED.positive_types) AS t ORDER BY t),
    last_liked_at = GREATEST(s.last_liked_at, EXCLUDED.last_liked_at)`;

const recentItems = (polarity: 1 | -1) => `
  ARRAY(SELECT s.item_id FROM user_item_signals s
        WHERE s.user_id = inserted.user_id AND s.polarity = ${polarity}
        ORDER BY s.signal_at DESC, s.signal_received_at DESC, s.signal_event_id DESC
        LIMIT $10)`;

// One statement, one snapshot: the history subqueries see user_item_signals as it was before this
// statement, so before the batch, although the signals CTE updates it in the same statement.
const LOG_NEW_EVENTS_SQL = `
  WITH inserted AS (${INSERT_EVENTS}),
  pair_types AS (${PAIR_TYPES}),
  signals AS (${RECORD_SIGNALS})
  SELECT inserted.user_id,
         array_agg(inserted.event_id) AS new_event_ids,
         ${recentItems(1)} AS positive_item_ids,
         ${recentItems(-1)} AS negative_item_ids
  FROM inserted
  GROUP BY inserted.user_id`;

interface NewEventsRow {
  user_id: string;
  new_event_ids: string[];
  positive_item_ids: string[];
  negative_item_ids: string[];
}

/** What logging a batch found: which events were new, and their users' history from before the batch. */
export interface LoggedBatch {
  newEventIds: Set<string>;
  historyByUser: Map<string, UserHistory>;
}

/**
 * Inside the append transaction, in one round trip: inserts the events (distinct ids; already logged ones
 * are skipped), folds the new ones into `user_item_signals`, and returns the new ids with the history of
 * their users (each item on the side of its latest signal, most recent first, HISTORY_LIMIT per side).
 */
export async function logNewEvents(
  manager: EntityManager,
  events: readonly ClassifiedEvent[],
): Promise<LoggedBatch> {
  const columns = toEventColumns(events);
  const rows = await queryRows<NewEventsRow>(manager, LOG_NEW_EVENTS_SQL, [
    columns.eventIds,
    columns.userIds,
    columns.itemIds,
    columns.types,
    columns.values,
    columns.shownItemIds,
    columns.occurredAt,
    columns.polarities,
    columns.weights,
    HISTORY_LIMIT,
  ]);
  return {
    newEventIds: new Set(rows.flatMap((row) => row.new_event_ids)),
    historyByUser: new Map(
      rows.map((row) => [
        row.user_id,
        { positiveItemIds: row.positive_item_ids, negativeItemIds: row.negative_item_ids },
      ]),
    ),
  };
}
