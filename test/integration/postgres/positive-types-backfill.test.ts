// Issue 11, item 8: pairs logged before the positive types were stored get them from the event log when
// the migration runs, so the first job after the upgrade already weights the whole history by WEIGHT_*.
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { Client } from 'pg';
import { createSuiteDatabase } from './storage-harness';

jest.setTimeout(120_000);

async function run(url: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('positive types backfill', () => {
  it('fills the positive types of existing pairs from the event log', async () => {
    const database = await createSuiteDatabase('positive_types_backfill');
    try {
      await (await openPostgresStorage({ kind: 'postgres', url: database.url })).close();
      // Back to the schema before the migration, with pairs logged then.
      await run(database.url, [
        'ALTER TABLE user_item_signals DROP COLUMN positive_types',
        "DELETE FROM migrations WHERE name = 'AddSignalPositiveTypes1767580100000'",
        `INSERT INTO interaction_events
           (event_id, user_id, item_id, type, occurred_at, polarity, weight) VALUES
           ('e1', 'u1', 'a', 'click', '2026-01-01T00:00:00Z', 1, 1),
           ('e2', 'u1', 'a', 'purchase', '2026-01-01T00:01:00Z', 1, 3),
           ('e3', 'u1', 'b', 'view', '2026-01-01T00:02:00Z', 0, 0),
           ('e4', 'u1', 'b', 'like', '2026-01-01T00:03:00Z', 1, 2)`,
        `INSERT INTO user_item_signals
           (user_id, item_id, polarity, signal_at, signal_received_at, signal_event_id, max_positive_weight)
         VALUES ('u1', 'a', 1, '2026-01-01T00:01:00Z', now(), 'e2', 3),
                ('u1', 'b', 1, '2026-01-01T00:03:00Z', now(), 'e4', 2)`,
      ]);
      const storage = await openPostgresStorage({ kind: 'postgres', url: database.url });
      try {
        const { positives } = await storage.tripletStore.loadTrainingSet({
          click: 5,
          purchase: 1,
          like: 0.5,
          view: 9,
        });
        expect(positives.map(({ userId, itemId, weight }) => ({ userId, itemId, weight }))).toEqual(
          [
            { userId: 'u1', itemId: 'a', weight: 5 },
            { userId: 'u1', itemId: 'b', weight: 0.5 },
          ],
        );
      } finally {
        await storage.close();
      }
    } finally {
      await database.drop();
    }
  });
});
