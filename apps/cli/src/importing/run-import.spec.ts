import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { EventSender, RefusedEvent } from './event-sender';
import type { ImportRecord } from './import-record';
import { Pacer } from './pacer';
import { runImport } from './run-import';

/** Records what it is sent; refuses the events whose itemId is listed. */
class RecordingSender implements EventSender {
  readonly batches: string[][] = [];
  constructor(private readonly refuse: Set<string> = new Set()) {}
  send(events: readonly InteractionEventV1[]): Promise<RefusedEvent[]> {
    this.batches.push(events.map((e) => e.eventId));
    const refused = events.flatMap((e, index) =>
      this.refuse.has(e.itemId) ? [{ index, reason: 'api: refused' }] : [],
    );
    return Promise.resolve(refused);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function* records(list: ImportRecord[]): AsyncGenerator<ImportRecord> {
  for (const record of list) yield await Promise.resolve(record);
}

const now = new Date('2026-12-01T00:00:00Z');
const click = (id: string, itemId = 'i') => ({
  eventId: id,
  userId: 'u',
  itemId,
  type: 'click',
  timestamp: '2026-11-30T00:00:00Z',
});

describe('runImport', () => {
  it('validates with the service rules, batches in file order and tallies reasons by line', async () => {
    const sender = new RecordingSender(new Set(['refused-item']));
    const tally = await runImport({
      records: records([
        { lineNumber: 2, candidate: click('e1') },
        { lineNumber: 3, problem: 'expected 4 fields, found 2' },
        { lineNumber: 4, candidate: { ...click('e2'), type: 'hover' } },
        { lineNumber: 5, candidate: click('e3', 'refused-item') },
        { lineNumber: 6, candidate: { ...click('e4'), timestamp: '2026-12-05T00:00:00Z' } },
        { lineNumber: 7, candidate: click('e5') },
        { lineNumber: 8, candidate: click('e6') },
      ]),
      sender,
      batchSize: 2,
      pacer: new Pacer(undefined, { nowMs: () => 0, sleep: () => Promise.resolve() }),
      now: () => now,
    });
    expect(sender.batches).toEqual([
      ['e1', 'e3'],
      ['e5', 'e6'],
    ]);
    expect({ records: tally.records, accepted: tally.accepted, rejected: tally.rejected }).toEqual({
      records: 7,
      accepted: 3,
      rejected: 4,
    });
    const reasons = tally.topReasons(10);
    expect(reasons.map((r) => r.firstLine).sort()).toEqual([3, 4, 5, 6]);
    expect(reasons.find((r) => r.firstLine === 4)?.reason).toMatch(/^type: /);
    expect(reasons.find((r) => r.firstLine === 6)?.reason).toMatch(/^timestamp: /);
  });
});
