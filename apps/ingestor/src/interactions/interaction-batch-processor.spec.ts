import {
  DomainError,
  type AppendResult,
  type ClassifiedEvent,
  type DeadLetter,
  type EventLog,
  type RawMessage,
} from '@recsys/domain';
import { InteractionBatchProcessor } from './interaction-batch-processor';

const NOW = new Date('2026-11-28T12:00:00Z');
const settings = {
  signals: {
    positiveWeights: { view: 0, click: 1, add_to_cart: 2, purchase: 3, like: 2, impression: 1 },
    likedRatingWeight: 2,
    likeRatingMin: 4,
    dislikeRatingMax: 2,
  },
  maxTripletsPerEvent: 50,
};

/** An event log that rejects events whose id starts with "poison", or everything during an outage. */
class FakeEventLog implements Pick<EventLog, 'append'> {
  readonly stored: ClassifiedEvent[] = [];
  outage = false;

  append(events: readonly ClassifiedEvent[]): Promise<AppendResult> {
    if (this.outage) return Promise.reject(new DomainError('STORAGE_UNAVAILABLE', 'db down'));
    const poison = events.find((c) => c.event.eventId.startsWith('poison'));
    if (poison) return Promise.reject(new Error(`time zone displacement out of range`));
    this.stored.push(...events);
    return Promise.resolve({ inserted: events.length, duplicates: 0, triplets: 0 });
  }
}

function message(offset: number, eventId: string, extra: Record<string, unknown> = {}): RawMessage {
  const event = {
    eventId,
    userId: 'u1',
    itemId: `i${offset}`,
    type: 'click',
    timestamp: '2026-11-28T11:00:00Z',
    ...extra,
  };
  return { key: 'u1', value: Buffer.from(JSON.stringify(event)), position: `t/0/${offset}` };
}

function setUp() {
  const eventLog = new FakeEventLog();
  const letters: DeadLetter[] = [];
  const recorded: ClassifiedEvent[] = [];
  const processor = new InteractionBatchProcessor(
    {
      eventLog: eventLog as unknown as EventLog,
      deadLetterSink: {
        send: (batch) => Promise.resolve(void letters.push(...batch)),
        close: () => Promise.resolve(),
      },
      clock: () => NOW,
    },
    { record: (events) => Promise.resolve(void recorded.push(...events)) },
    settings,
  );
  return { eventLog, letters, recorded, processor };
}

describe('InteractionBatchProcessor', () => {
  it('dead-letters a message the log rejects alone, with the error, and stores every other one', async () => {
    const { eventLog, letters, recorded, processor } = setUp();
    const batch = [0, 1, 2, 3, 4, 5, 6].map((i) => message(i, i === 4 ? 'poison' : `e${i}`));
    await processor.process(batch);
    expect(eventLog.stored.map((c) => c.event.eventId)).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
      'e5',
      'e6',
    ]);
    expect(letters).toHaveLength(1);
    expect(letters[0].message).toBe(batch[4]);
    expect(letters[0].reason).toMatch(/event log rejected it: time zone displacement/);
    expect(recorded.map((c) => c.event.eventId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e5', 'e6']);
    expect(processor.counts).toMatchObject({ messages: 7, inserted: 6, deadLetters: 1 });
  });

  it('rejects the whole batch during an outage, dead-lettering nothing valid', async () => {
    const { eventLog, letters, recorded, processor } = setUp();
    eventLog.outage = true;
    const batch = [message(0, 'e0'), message(1, 'e1'), message(2, 'bad', { type: 'teleport' })];
    await expect(processor.process(batch)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(letters).toEqual([]);
    expect(recorded).toEqual([]);
    eventLog.outage = false;
    await processor.process(batch);
    expect(eventLog.stored.map((c) => c.event.eventId)).toEqual(['e0', 'e1']);
    expect(letters.map((l) => l.message.position)).toEqual(['t/0/2']);
  });

  it('stores the former poison pills in UTC and dead-letters a lone surrogate by field', async () => {
    const { eventLog, letters, processor } = setUp();
    await processor.process([
      message(0, 'e0', { timestamp: '2026-01-01T00:00:00+16:00' }),
      message(1, 'e1', { userId: 'x\ud800' }),
    ]);
    expect(eventLog.stored.map((c) => c.event.timestamp)).toEqual(['2025-12-31T08:00:00Z']);
    expect(eventLog.stored[0].receivedAt).toBe(NOW.toISOString());
    expect(letters.map((l) => l.reason)).toEqual([
      'userId: userId must be well-formed Unicode (it holds an unpaired surrogate)',
    ]);
  });
});
