import type { EventSource, RealtimeBacklog } from '@recsys/domain';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestionCounts } from '../interactions/interaction-batch-processor';
import type { RealtimeFeedCounts } from '../interactions/realtime-feed';
import type { DeadLetterKind, IngestionObserver } from './ingestion-observer';

/**
 * The ingestor's Prometheus metrics, on a registry of its own (the embedded app runs the ingestor next to
 * the api in one process), served at `/metrics` on the health port. Events and dead letters are counted as
 * batches complete; lag, backlog and the running totals are read at scrape time.
 */
export class IngestorMetrics implements IngestionObserver {
  readonly registry = new Registry();

  private readonly events = new Counter({
    name: 'recsys_ingest_events_total',
    help: 'Valid interaction events processed (stored, or recognised as duplicates), by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  private readonly deadLetters = new Counter({
    name: 'recsys_ingest_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by reason (empty | not_json | invalid | rejected)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly eventCounters = new Map<string, Counter.Internal>();
  private readonly deadLetterCounters = new Map<string, Counter.Internal>();
  private counts: () => { ingestion: IngestionCounts; realtime: RealtimeFeedCounts } | null = () =>
    null;

  constructor(sources: { eventSource: EventSource; realtimeBacklog: RealtimeBacklog }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'recsys_ingestor_' });
    const { eventSource, realtimeBacklog } = sources;
    new Gauge({
      name: 'recsys_ingest_consumer_lag_messages',
      help: 'Messages behind the high watermark per partition this ingestor holds (as of its last batch)',
      labelNames: ['topic', 'partition'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [key, lag] of eventSource.status?.().lagByPartition ?? []) {
          const slash = key.lastIndexOf('/');
          this.set({ topic: key.slice(0, slash), partition: key.slice(slash + 1) }, lag);
        }
      },
    });
    new Gauge({
      name: 'recsys_ingest_consuming',
      help: '1 while the consumer is a member of its group, else 0',
      registers: [this.registry],
      collect() {
        this.set(eventSource.status?.().consuming === false ? 0 : 1);
      },
    });
    new Gauge({
      name: 'recsys_ingest_realtime_backlog_events',
      help: 'Logged events waiting for the realtime store (NaN while the database does not answer)',
      registers: [this.registry],
      async collect() {
        this.set(await realtimeBacklog.size().catch(() => NaN));
      },
    });
    this.totals();
  }

  /** Tells the running totals where to read (the composition root calls it once). */
  followCounts(counts: () => { ingestion: IngestionCounts; realtime: RealtimeFeedCounts }): void {
    this.counts = counts;
  }

  eventAccepted(type: string): void {
    let child = this.eventCounters.get(type);
    if (!child) this.eventCounters.set(type, (child = this.events.labels(type)));
    child.inc();
  }

  deadLettered(reason: DeadLetterKind): void {
    let child = this.deadLetterCounters.get(reason);
    if (!child) this.deadLetterCounters.set(reason, (child = this.deadLetters.labels(reason)));
    child.inc();
  }

  // Totals the processor and the realtime feed already keep, exposed as counters at scrape time.
  private totals(): void {
    const read = () => this.counts();
    const total = (
      name: string,
      help: string,
      pick: (c: NonNullable<ReturnType<typeof read>>) => number,
    ) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          const counts = read();
          this.reset();
          if (counts) this.inc(pick(counts));
        },
      });
    total('recsys_ingest_messages_total', 'Messages consumed (valid or not)', (c) => c.ingestion.messages); // prettier-ignore
    total('recsys_ingest_events_stored_total', 'Events newly written to the event log', (c) => c.ingestion.inserted); // prettier-ignore
    total('recsys_ingest_duplicate_events_total', 'Events the event log already held (replays)', (c) => c.ingestion.duplicates); // prettier-ignore
    total('recsys_ingest_triplets_total', 'Training triplets derived', (c) => c.ingestion.triplets);
    total('recsys_ingest_realtime_backlogged_total', 'Events backlogged while the realtime store was away', (c) => c.realtime.backlogged); // prettier-ignore
    total('recsys_ingest_realtime_caught_up_total', 'Backlogged events later written to the realtime store', (c) => c.realtime.caughtUp); // prettier-ignore
  }
}
