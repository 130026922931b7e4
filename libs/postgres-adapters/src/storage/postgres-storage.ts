import type {
  CatalogueStore,
  EventLog,
  JobQueue,
  RealtimeBacklog,
  TripletStore,
} from '@recsys/domain';

/** The PostgreSQL-backed ports over one connection pool, plus readiness and shutdown. */
export interface PostgresStorage {
  eventLog: EventLog;
  tripletStore: TripletStore;
  jobQueue: JobQueue;
  catalogueStore: CatalogueStore;
  /** Logged events the realtime store has yet to record (it was unreachable). */
  realtimeBacklog: RealtimeBacklog;
  /** Resolves when the database answers a trivial query; rejects otherwise (for readiness probes). */
  ping(): Promise<void>;
  /** Closes the pool (and an embedded PGlite). Safe to call more than once. */
  close(): Promise<void>;
}
