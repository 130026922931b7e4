// Opens fresh storages for the integration tests: a new database on the real server, or an in-memory PGlite.
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import { createTestDatabase, type TestDatabase } from '../../support/services';

const DROP_ATTEMPTS = 10;
const DROP_RETRY_DELAY_MS = 1_000;

/** A database of its own for one suite; `drop` retries (see dropPatiently). */
export async function createSuiteDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix);
  return { ...database, drop: () => dropPatiently(database) };
}

/**
 * Drops the database, retrying for a while: after heavy writes an autovacuum worker (owned by the
 * superuser) may be working in it, and DROP DATABASE ... WITH (FORCE) may not terminate it for us.
 */
async function dropPatiently(database: TestDatabase): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.drop();
      return;
    } catch (error) {
      if (attempt >= DROP_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, DROP_RETRY_DELAY_MS));
    }
  }
}

/** A storage in a database of its own on the real PostgreSQL server; `close()` also drops the database. */
export async function openRealPostgresStorage(prefix: string): Promise<PostgresStorage> {
  const database = await createSuiteDatabase(prefix);
  try {
    const storage = await openPostgresStorage({ kind: 'postgres', url: database.url, poolSize: 4 });
    return { ...storage, close: closeThenDrop(storage, database.drop) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A storage in a new in-memory PGlite. */
export function openInMemoryPglite(): Promise<PostgresStorage> {
  return openPostgresStorage({ kind: 'pglite' });
}

function closeThenDrop(storage: PostgresStorage, drop: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= storage.close().finally(drop);
    return closing;
  };
}
