/**
 * Where the storage lives: a PostgreSQL server (through `pg`), or an embedded PGlite running the same SQL
 * in-process, in memory or in a data directory on disk (one process at a time per directory).
 */
export type StorageTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; applicationName?: string }
  | { kind: 'pglite'; dataDir?: string };
