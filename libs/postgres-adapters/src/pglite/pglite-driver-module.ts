import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';
import { ExclusiveLease, type ReleaseLease } from './exclusive-lease';

/** The part of a `pg` query result that TypeORM's postgres driver reads. */
interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
}

type ConnectCallback = (
  error: Error | null,
  session: PgliteSession | null,
  release: ReleaseLease,
) => void;

/** One lease on the PGlite session, shaped like a `pg` client for TypeORM's postgres query runner. */
class PgliteSession extends EventEmitter {
  constructor(private readonly pglite: PGlite) {
    super();
  }

  async query(sql: string, parameters?: unknown[]): Promise<PgLikeResult> {
    if (parameters && parameters.length > 0) {
      return toPgLikeResult(await this.pglite.query(sql, parameters));
    }
    // Without parameters TypeORM may send several statements at once (migrations): use the simple protocol.
    const results = await this.pglite.exec(sql);
    return toPgLikeResult(results[results.length - 1]);
  }
}

function toPgLikeResult(results: Results | undefined): PgLikeResult {
  const rows = results?.rows ?? [];
  return { rows, rowCount: results?.affectedRows || rows.length };
}

/**
 * A `pg`-compatible module (just `Pool`) for TypeORM's `driver` option, bound to one PGlite instance.
 * Unlike `typeorm-pglite` (one process-wide instance, every caller sharing the single session at once, so
 * one caller's ROLLBACK undid another's committed work), each connection here holds the session exclusively
 * until TypeORM releases it, and each storage owns its own instance. Ending the pool closes PGlite.
 */
export function pgliteDriverModule(pglite: PGlite): { Pool: new () => EventEmitter } {
  const lease = new ExclusiveLease();
  class PglitePool extends EventEmitter {
    connect(callback: ConnectCallback): void {
      lease.acquire().then(
        (release) => callback(null, new PgliteSession(pglite), release),
        (error: Error) => callback(error, null, () => undefined),
      );
    }

    end(callback: (error: Error | null) => void): void {
      (pglite.closed ? Promise.resolve() : pglite.close()).then(
        () => callback(null),
        (error: Error) => callback(error),
      );
    }
  }
  return { Pool: PglitePool };
}
