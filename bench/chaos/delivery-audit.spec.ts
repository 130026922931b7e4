import type { InteractionEventV1 } from '@recsys/interaction-events';
import { auditDelivery, type StoredRow } from './delivery-audit';

const event = (eventId: string, itemId = 'i1'): InteractionEventV1 => ({
  eventId,
  userId: 'u1',
  itemId,
  type: 'click',
  timestamp: '2026-01-01T00:00:00Z',
});
const row = (eventId: string, itemId = 'i1'): StoredRow => ({
  eventId,
  userId: 'u1',
  itemId,
  type: 'click',
});

describe('auditDelivery', () => {
  it('counts stored and lost acknowledged events, each id once', () => {
    const audit = auditDelivery([event('a'), event('b'), event('a')], [row('a')]);
    expect(audit).toMatchObject({ acknowledged: 2, stored: 1, lost: 1, duplicated: 0 });
    expect(audit.lostExamples).toEqual(['b']);
  });

  it('counts an id stored twice or as a different row as duplicated', () => {
    const audit = auditDelivery(
      [event('a'), event('b')],
      [row('a'), row('a'), row('b', 'other-item')],
    );
    expect(audit).toMatchObject({ stored: 2, lost: 0, duplicated: 2 });
    expect(audit.duplicatedExamples).toEqual(['a', 'b']);
  });
});
