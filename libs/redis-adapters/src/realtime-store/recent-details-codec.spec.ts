import { decodeRecentDetails, encodeRecentDetails } from './recent-details-codec';

describe('recent details codec', () => {
  it('round-trips polarity, weight and time', () => {
    const interaction = {
      itemId: 'i|1',
      polarity: 1 as const,
      weight: 0.1,
      at: '2026-03-01T10:00:00.5+02:00',
    };
    const stored = encodeRecentDetails(interaction);
    expect(stored).toBe('1|0.1|2026-03-01T10:00:00.5+02:00');
    expect(decodeRecentDetails('i|1', stored)).toEqual(interaction);
  });

  it('keeps the receipt time when there is one', () => {
    const interaction = {
      itemId: 'i',
      polarity: -1 as const,
      weight: 0,
      at: '2026-03-01T08:00:00Z',
      receivedAt: '2026-03-01T10:00:00.123Z',
    };
    const stored = encodeRecentDetails(interaction);
    expect(stored).toBe('-1|0|2026-03-01T08:00:00Z|2026-03-01T10:00:00.123Z');
    expect(decodeRecentDetails('i', stored)).toEqual(interaction);
  });

  it('refuses values it did not write', () => {
    expect(decodeRecentDetails('i', '1|2')).toBeNull();
    expect(decodeRecentDetails('i', '2|1|2026-03-01T10:00:00Z')).toBeNull();
    expect(decodeRecentDetails('i', '1|x|2026-03-01T10:00:00Z')).toBeNull();
    expect(decodeRecentDetails('i', '1|1|')).toBeNull();
  });
});
