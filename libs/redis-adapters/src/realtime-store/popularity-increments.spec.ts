import { DomainError, type ClassifiedEvent } from '@recsys/domain';
import { POPULARITY_EPOCH_MS } from '@recsys/domain';
import { popularityIncrements } from './popularity-increments';

const HOUR_MS = 60 * 60 * 1000;

function classified(
  itemId: string,
  polarity: -1 | 0 | 1,
  weight: number,
  hoursAfterEpoch = 0,
): ClassifiedEvent {
  const timestamp = new Date(POPULARITY_EPOCH_MS + hoursAfterEpoch * HOUR_MS).toISOString();
  const event = { eventId: `e-${itemId}`, userId: 'u1', itemId, type: 'click' as const, timestamp };
  return { event, polarity, weight };
}

describe('popularityIncrements', () => {
  it('sums the decayed weights of liked events per item, in log space', () => {
    const increments = popularityIncrements(
      [classified('a', 1, 1, 0), classified('a', 1, 2, 1), classified('b', 1, 3, 0)],
      HOUR_MS,
    );
    // a: 1 * 2^0 + 2 * 2^1 = 5; b: 3 * 2^0 = 3
    expect(Math.exp(increments.get('a')!)).toBeCloseTo(5, 9);
    expect(Math.exp(increments.get('b')!)).toBeCloseTo(3, 9);
  });

  it('ignores unliked, neutral and weightless events', () => {
    const increments = popularityIncrements(
      [classified('a', -1, 0), classified('b', 0, 0), classified('c', 1, 0), classified('d', 1, 1)],
      HOUR_MS,
    );
    expect([...increments.keys()]).toEqual(['d']);
  });

  it('rejects an event whose timestamp does not parse', () => {
    const bad = classified('a', 1, 1);
    bad.event.timestamp = 'yesterday';
    expect(() => popularityIncrements([bad], HOUR_MS)).toThrow(DomainError);
    expect(() => popularityIncrements([bad], HOUR_MS)).toThrow('invalid timestamp');
  });
});
