import { toClassifiedEvent } from './logged-event-row';

describe('toClassifiedEvent', () => {
  const row = {
    event_id: 'e1',
    user_id: 'u1',
    item_id: 'i1',
    type: 'click',
    value: null,
    shown_item_ids: null,
    occurred_at: '2026-01-01T00:00:00.000000Z',
    received_at: '2026-01-01T02:00:00.123456Z',
    polarity: 1,
    weight: 1.5,
  };

  it('rebuilds the event, leaving out absent optional fields, with its classification and receipt time', () => {
    expect(toClassifiedEvent(row)).toEqual({
      event: {
        eventId: 'e1',
        userId: 'u1',
        itemId: 'i1',
        type: 'click',
        timestamp: row.occurred_at,
      },
      polarity: 1,
      weight: 1.5,
      receivedAt: row.received_at,
    });
  });

  it('keeps a rating value and an impression list', () => {
    const rating = toClassifiedEvent({ ...row, type: 'rating', value: 4, polarity: 1 });
    expect(rating.event.value).toBe(4);
    const shown = toClassifiedEvent({ ...row, type: 'impression', shown_item_ids: ['i1', 'i2'] });
    expect(shown.event.shownItemIds).toEqual(['i1', 'i2']);
  });
});
