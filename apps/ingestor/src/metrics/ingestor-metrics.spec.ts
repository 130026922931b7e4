import {
  DomainError,
  type ClassifiedEvent,
  type EventLog,
  type EventSource,
  type RawMessage,
  type RealtimeBacklog,
} from '@recsys/domain';
import { InteractionBatchProcessor } from '../interactions/interaction-batch-processor';
import { IngestorMetrics } from './ingestor-metrics';

const settings = {
  signals: {
    positiveWeights: { view: 0, click: 1, add_to_cart: 2, purchase: 3, like: 2, impression: 1 },
    likedRatingWeight: 2,
    likeRatingMin: 4,
    dislikeRatingMax: 2,
  },
  maxTripletsPerEvent: 50,
};

function message(offset: number, fields: Record<string, unknown> | string | null): RawMessage {
  const event = {
    eventId: `e${offset}`,
    userId: 'u1',
    itemId: `i${offset}`,
    type: 'click',
    timestamp: '2026-11-28T11:00:00Z',
  };
  const value =
    fields === null ? null : typeof fields === 'string' ? fields : JSON.stringify({ ...event, ...fields }); // prettier-ignore
  return {
    key: 'u1',
    value: value === null ? null : Buffer.from(value),
    position: `t/0/${offset}`,
  };
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function setUp() {
  let outage = false;
  let backlogFails = false;
  const eventLog = {
    append(events: readonly ClassifiedEvent[]) {
      if (outage) return Promise.reject(new DomainError('STORAGE_UNAVAILABLE', 'db down'));
      if (events.some((c) => c.event.eventId === 'e9')) return Promise.reject(new Error('bad row'));
      return Promise.resolve({
        inserted: events.length,
        duplicates: 0,
        triplets: 2 * events.length,
      });
    },
  } as unknown as EventLog;
  const eventSource: EventSource = {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    status: () => ({
      consuming: true,
      failingSinceMs: null,
      lagByPartition: new Map([['interactions.v1/0', 0], ['interactions.v1/3', 42]]), // prettier-ignore
    }),
  };
  const realtimeBacklog = {
    size: () => (backlogFails ? Promise.reject(new Error('db down')) : Promise.resolve(7)),
  } as unknown as RealtimeBacklog;
  const metrics = new IngestorMetrics({ eventSource, realtimeBacklog });
  const feed = { record: () => Promise.resolve(), counts: { backlogged: 3, caughtUp: 1, skipped: 0 } }; // prettier-ignore
  const processor = new InteractionBatchProcessor(
    {
      eventLog,
      deadLetterSink: { send: () => Promise.resolve(), close: () => Promise.resolve() },
      clock: () => new Date('2026-11-28T12:00:00Z'),
    },
    feed,
    settings,
    metrics,
  );
  metrics.followCounts(() => ({ ingestion: processor.counts, realtime: feed.counts }));
  const setOutage = (value: boolean) => (outage = value);
  const setBacklogFails = (value: boolean) => (backlogFails = value);
  return { metrics, processor, setOutage, setBacklogFails };
}

describe('IngestorMetrics', () => {
  it('counts events by type and dead letters by reason once per batch, redeliveries included', async () => {
    const { metrics, processor, setOutage } = setUp();
    const batch = [
      message(1, {}),
      message(2, { type: 'purchase' }),
      message(3, { type: 'teleport' }),
      message(4, null),
      message(5, '{not json'),
      message(9, {}),
    ];
    setOutage(true);
    await expect(processor.process(batch)).rejects.toThrow('db down');
    setOutage(false);
    await processor.process(batch);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'recsys_ingest_events_total{type="click"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_events_total{type="purchase"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_dead_letters_total{reason="invalid"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_dead_letters_total{reason="empty"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_dead_letters_total{reason="not_json"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_dead_letters_total{reason="rejected"}')).toBe(1);
    expect(sample(text, 'recsys_ingest_messages_total')).toBe(6);
    expect(sample(text, 'recsys_ingest_events_stored_total')).toBe(2);
    expect(sample(text, 'recsys_ingest_triplets_total')).toBe(4);
    expect(sample(text, 'recsys_ingest_realtime_backlogged_total')).toBe(3);
  });

  it('reads lag per partition, membership and the realtime backlog at scrape time', async () => {
    const { metrics, setBacklogFails } = setUp();
    const text = await metrics.registry.metrics();
    expect(sample(text, 'recsys_ingest_consumer_lag_messages{topic="interactions.v1",partition="3"}')).toBe(42); // prettier-ignore
    expect(sample(text, 'recsys_ingest_consumer_lag_messages{topic="interactions.v1",partition="0"}')).toBe(0); // prettier-ignore
    expect(sample(text, 'recsys_ingest_consuming')).toBe(1);
    expect(sample(text, 'recsys_ingest_realtime_backlog_events')).toBe(7);
    expect(text).toContain('recsys_ingestor_process_cpu_user_seconds_total');
    setBacklogFails(true);
    expect(sample(await metrics.registry.metrics(), 'recsys_ingest_realtime_backlog_events')).toBeNaN(); // prettier-ignore
  });
});
