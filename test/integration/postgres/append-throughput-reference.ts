// The reference the append throughput is compared against, measured in the same run on the same server:
// the same batches written with one multi-row INSERT per transaction into a table with only a primary
// key, through a bare `pg` client. It is the cost of durably logging the events and nothing else.
import type { ClassifiedEvent } from '@recsys/domain';
import { Client } from 'pg';

const CREATE_SQL = `
  CREATE TABLE IF NOT EXISTS reference_events (
    event_id text COLLATE "C" PRIMARY KEY, user_id text, item_id text, type text, value real,
    shown_item_ids jsonb, occurred_at timestamptz, polarity smallint, weight real)`;

const INSERT_SQL = `
  INSERT INTO reference_events
  SELECT e.event_id, e.user_id, e.item_id, e.type, e.value, e.shown::jsonb, e.occurred::timestamptz,
         e.polarity, e.weight
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::real[], $6::text[], $7::text[],
              $8::smallint[], $9::real[])
    AS e(event_id, user_id, item_id, type, value, shown, occurred, polarity, weight)
  ON CONFLICT (event_id) DO NOTHING`;

/** Inserts every batch, one transaction each; returns events per second. */
export async function referenceInsertRate(
  url: string,
  batches: ClassifiedEvent[][],
): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(CREATE_SQL);
    const startedAt = process.hrtime.bigint();
    for (const batch of batches) {
      await client.query('BEGIN');
      await client.query(INSERT_SQL, [
        batch.map((c) => c.event.eventId),
        batch.map((c) => c.event.userId),
        batch.map((c) => c.event.itemId),
        batch.map((c) => c.event.type),
        batch.map((c) => c.event.value ?? null),
        batch.map((c) => (c.event.shownItemIds ? JSON.stringify(c.event.shownItemIds) : null)),
        batch.map((c) => c.event.timestamp),
        batch.map((c) => c.polarity),
        batch.map((c) => c.weight),
      ]);
      await client.query('COMMIT');
    }
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    return Math.round((batches.length * batches[0].length) / seconds);
  } finally {
    await client.end();
  }
}
