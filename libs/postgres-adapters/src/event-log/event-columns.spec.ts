import { toEventColumns } from './event-columns';

describe('toEventColumns', () => {
  it('splits events into aligned columns, with nulls for absent optional fields', () => {
    const columns = toEventColumns([
      {
        event: {
          eventId: 'e1',
          userId: 'u1',
          itemId: 'i1',
          type: 'rating',
          value: 4,
          timestamp: '2026-01-01T00:00:00Z',
        },
        polarity: 1,
        weight: 0.8,
      },
      {
        event: {
          eventId: 'e2',
          userId: 'u2',
          itemId: 'i2',
          type: 'impression',
          shownItemIds: ['i2', 'i3'],
          timestamp: '2026-01-02T00:00:00+02:00',
        },
        polarity: 0,
        weight: 0,
      },
    ]);
    expect(columns).toEqual({
      eventIds: ['e1', 'e2'],
      userIds: ['u1', 'u2'],
      itemIds: ['i1', 'i2'],
      types: ['rating', 'impression'],
      values: [4, null],
      shownItemIds: [null, '["i2","i3"]'],
      occurredAt: ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00+02:00'],
      polarities: [1, 0],
      weights: [0.8, 0],
    });
  });
});
