// The schema: migrations run once even when several processes open a fresh database together, and
// they describe exactly what the entity classes declare, on PostgreSQL and on PGlite.
import { findSchemaDrift, openPostgresStorage } from '@recsys/postgres-adapters';
import { Client } from 'pg';
import { createSuiteDatabase } from './storage-harness';

const TIMEOUT_MS = 120_000;

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('postgres storage schema', () => {
  it(
    'is migrated once when several processes open a fresh database at the same time',
    async () => {
      const database = await createSuiteDatabase('schema_concurrent_open');
      try {
        const storages = await Promise.all(
          [1, 2, 3].map(() =>
            openPostgresStorage({ kind: 'postgres', url: database.url, poolSize: 2 }),
          ),
        );
        await Promise.all(storages.map((storage) => storage.ping()));
        await Promise.all(storages.map((storage) => storage.close()));
        expect(await appliedMigrations(database.url)).toEqual([
          'CreateRecsysSchema1767225600000',
          'CreateCatalogueItems1767312000000',
          'AddTrainingJobQueuePosition1767398400000',
          'CreateRealtimeBacklog1767484800000',
          'AddTrainingJobTrigger1767571200000',
          'AddUserItemLastLikedAt1767575000000',
          'AddTrainingJobProgressAndCancel1767580000000',
          'AddSignalPositiveTypes1767580100000',
          'AddInteractionEventsReceivedAtBrin1767600000000',
        ]);
      } finally {
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'matches the entities on PostgreSQL',
    async () => {
      const database = await createSuiteDatabase('schema_drift');
      try {
        expect(await findSchemaDrift({ kind: 'postgres', url: database.url })).toEqual([]);
      } finally {
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'matches the entities on PGlite',
    async () => {
      expect(await findSchemaDrift({ kind: 'pglite' })).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'fails to open when the server cannot be reached, and ping fails after close',
    async () => {
      await expect(
        openPostgresStorage({
          kind: 'postgres',
          url: 'postgres://recsys:recsys@127.0.0.1:1/recsys',
        }),
      ).rejects.toThrow();
      const database = await createSuiteDatabase('schema_ping');
      try {
        const storage = await openPostgresStorage({ kind: 'postgres', url: database.url });
        await expect(storage.ping()).resolves.toBeUndefined();
        await storage.close();
        await storage.close();
        await expect(storage.ping()).rejects.toThrow();
      } finally {
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );
});
