// A follower of the catalogue change feed must never skip a revision. The danger: a write takes revision r,
// a second write takes r + 1 and commits first, a follower reads r + 1 and moves its cursor past r, and r
// commits too late to be seen. This suite makes the first write stall after it has taken its revision (a
// test-only trigger waits at a "gate" lock that the test holds) and checks what a follower sees.
// PostgreSQL only: PGlite has a single session, so its writes cannot overlap at all.
import { type CatalogueItem, type CatalogueStore } from '@recsys/domain';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { Client } from 'pg';
import type { TestDatabase } from '../../support/services';
import { createSuiteDatabase } from '../postgres/storage-harness';

const TIMEOUT_MS = 120_000;
const WAIT_LIMIT_MS = 15_000;
const POLL_INTERVAL_MS = 20;
// Advisory locks are per database, and this database is the suite's own.
const GATE_LOCK_KEY = 4242;

// An AFTER trigger runs once the row, with its new revision, is written but before the commit: holding the
// gate there keeps a "slow-" write in flight with its revision taken.
const INSTALL_GATE_SQL = `
  CREATE FUNCTION wait_at_test_gate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.item_id LIKE 'slow-%' THEN PERFORM pg_advisory_xact_lock_shared(${GATE_LOCK_KEY}); END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER test_gate AFTER INSERT OR UPDATE ON catalogue_items
    FOR EACH ROW EXECUTE FUNCTION wait_at_test_gate();`;

const WAITING_ADVISORY_LOCKS_SQL = `
  SELECT count(*)::int AS waiting FROM pg_locks
  WHERE locktype = 'advisory' AND NOT granted
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Resolves once `condition` holds; rejects with `what` if it does not within WAIT_LIMIT_MS. */
async function waitUntil(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

const item = (itemId: string, version: number) => ({
  itemId,
  category: null,
  available: true,
  properties: { version },
});

describe('catalogue change feed under overlapping writes (postgres)', () => {
  let database: TestDatabase;
  let storage: PostgresStorage;
  let gate: Client;

  beforeAll(async () => {
    database = await createSuiteDatabase('catalogue_revision_order');
    storage = await openPostgresStorage({ kind: 'postgres', url: database.url, poolSize: 4 });
    gate = new Client({ connectionString: database.url });
    await gate.connect();
    await gate.query(INSTALL_GATE_SQL);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await gate?.end();
    await storage?.close();
    await database?.drop();
  }, TIMEOUT_MS);

  const waitingLocks = async () =>
    (await gate.query<{ waiting: number }>(WAITING_ADVISORY_LOCKS_SQL)).rows[0].waiting;

  it(
    'shows no revision to a follower before every lower revision is visible',
    async () => {
      const store: CatalogueStore = storage.catalogueStore;
      const start = await store.upsert(item('fast-1', 1));

      await gate.query('SELECT pg_advisory_lock($1)', [GATE_LOCK_KEY]);
      const slowWrite = store.upsert(item('slow-1', 1));
      await waitUntil('the slow write waits at the gate', async () => (await waitingLocks()) >= 1);
      let fastSettled = false;
      const fastWrite = store.upsert(item('fast-1', 2)).finally(() => {
        fastSettled = true;
      });
      await waitUntil(
        'the later write has committed or is waiting too',
        async () => fastSettled || (await waitingLocks()) >= 2,
      );

      const seenWhileInFlight = await store.changesSince(start.revision, 100);
      const cursor = seenWhileInFlight.at(-1)?.revision ?? start.revision;
      await gate.query('SELECT pg_advisory_unlock($1)', [GATE_LOCK_KEY]);
      const [slow, fast] = await Promise.all([slowWrite, fastWrite]);
      const seenAfter = await store.changesSince(cursor, 100);

      const seen: CatalogueItem[] = [...seenWhileInFlight, ...seenAfter];
      expect(slow.revision).toBeLessThan(fast.revision);
      expect(seen.map((change) => [change.itemId, change.revision])).toEqual([
        ['slow-1', slow.revision],
        ['fast-1', fast.revision],
      ]);
    },
    TIMEOUT_MS,
  );
});
