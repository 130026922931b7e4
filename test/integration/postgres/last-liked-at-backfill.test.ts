// The migration that adds user_item_signals.last_liked_at fills it from the event log for signals stored
// before it existed (a database upgraded in place), so the first temporal holdout after an upgrade is right.
import { openPostgresStorage } from '@recsys/postgres-adapters';
import { Client } from 'pg';
import { classifiedEvent, minuteMs, recordingDeriver } from '../contracts/event-log-fixtures';
import { createSuiteDatabase } from './storage-harness';

jest.setTimeout(120_000);

it('backfills the time of the latest like of each pair from the event log', async () => {
  const database = await createSuiteDatabase('last_liked_backfill');
  try {
    const before = await openPostgresStorage({ kind: 'postgres', url: database.url, poolSize: 2 });
    const events = [
      { itemId: 'a', minute: 3, polarity: 1 as const },
      { itemId: 'a', minute: 9, polarity: 1 as const },
      { itemId: 'a', minute: 12, polarity: 0 as const },
      { itemId: 'b', minute: 4, polarity: 1 as const },
      { itemId: 'b', minute: 6, polarity: -1 as const },
      { itemId: 'b', minute: 8, polarity: 1 as const },
    ].map((spec, n) => classifiedEvent({ ...spec, eventId: `e${n}`, userId: 'u1' }));
    await before.eventLog.append(events, recordingDeriver().derive);
    await before.close();
    // Back to the schema before the migration, as a database written by the previous release.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('ALTER TABLE user_item_signals DROP COLUMN last_liked_at');
    await client.query("DELETE FROM migrations WHERE name = 'AddUserItemLastLikedAt1767575000000'");
    await client.end();

    const after = await openPostgresStorage({ kind: 'postgres', url: database.url, poolSize: 2 });
    const { positives } = await after.tripletStore.loadTrainingSet();
    await after.close();
    expect(positives).toEqual([
      { userId: 'u1', itemId: 'a', weight: 1, likedAtMs: minuteMs(9) },
      { userId: 'u1', itemId: 'b', weight: 1, likedAtMs: minuteMs(8) },
    ]);
  } finally {
    await database.drop();
  }
});
