import type { ClassifiedEvent, UserHistory } from '@recsys/domain';
import type { InteractionEventV1, InteractionType } from '@recsys/interaction-events';
import { classifyInteraction } from './classify-interaction';
import { deriveTriplets } from './derive-triplets';
import { DEFAULT_INTERACTION_SIGNALS } from './interaction-signals';

let nextId = 0;
function event(
  userId: string,
  itemId: string,
  type: InteractionType,
  extra: Partial<InteractionEventV1> = {},
) {
  const raw: InteractionEventV1 = {
    eventId: `e${nextId++}`,
    userId,
    itemId,
    type,
    timestamp: '2026-01-01T00:00:00Z',
    ...extra,
  };
  return classifyInteraction(raw, DEFAULT_INTERACTION_SIGNALS);
}
const pairs = (events: ClassifiedEvent[], history = new Map<string, UserHistory>(), max = 10) =>
  deriveTriplets(events, history, { maxTripletsPerEvent: max }).map(
    (t) => `${t.userId}:${t.positiveItemId}>${t.negativeItemId}`,
  );

describe('classifyInteraction', () => {
  it('weights positives by type and splits ratings at the thresholds', () => {
    expect(event('u', 'i', 'purchase')).toMatchObject({ polarity: 1, weight: 3 });
    expect(event('u', 'i', 'click')).toMatchObject({ polarity: 1, weight: 1 });
    expect(event('u', 'i', 'view')).toMatchObject({ polarity: 0 });
    expect(event('u', 'i', 'dislike')).toMatchObject({ polarity: -1 });
    expect(event('u', 'i', 'rating', { value: 5 })).toMatchObject({ polarity: 1, weight: 2 });
    expect(event('u', 'i', 'rating', { value: 3 })).toMatchObject({ polarity: 0 });
    expect(event('u', 'i', 'rating', { value: 2 })).toMatchObject({ polarity: -1 });
  });
});

describe('deriveTriplets', () => {
  it('pairs a dislike with the liked items in the stored history', () => {
    const history = new Map([['u1', { positiveItemIds: ['a', 'b'], negativeItemIds: [] }]]);
    expect(pairs([event('u1', 'x', 'dislike')], history)).toEqual(['u1:a>x', 'u1:b>x']);
  });

  it('pairs a like with earlier dislikes, including those earlier in the same batch', () => {
    expect(pairs([event('u1', 'x', 'dislike'), event('u1', 'a', 'purchase')])).toEqual(['u1:a>x']);
  });

  it('turns skipped impressions into triplets with the chosen item, never using a liked item', () => {
    const history = new Map([['u1', { positiveItemIds: ['b'], negativeItemIds: [] }]]);
    const impression = event('u1', 'a', 'impression', { shownItemIds: ['a', 'b', 'c', 'c', 'd'] });
    expect(pairs([impression], history)).toEqual(['u1:a>c', 'u1:a>d']);
  });

  it('keeps users apart, ignores neutral events and produces nothing without negatives', () => {
    expect(
      pairs([event('u1', 'a', 'click'), event('u2', 'x', 'dislike'), event('u1', 'v', 'view')]),
    ).toEqual([]);
  });

  it('lets a later like cancel an earlier dislike of the same item', () => {
    const events = [
      event('u1', 'x', 'dislike'),
      event('u1', 'x', 'like'),
      event('u1', 'a', 'click'),
    ];
    expect(pairs(events)).toEqual([]);
  });

  it('bounds the triplets per event and records the source event', () => {
    const history = new Map([['u1', { positiveItemIds: ['a', 'b', 'c'], negativeItemIds: [] }]]);
    const dislike = event('u1', 'x', 'dislike');
    const triplets = deriveTriplets([dislike], history, { maxTripletsPerEvent: 2 });
    expect(triplets).toHaveLength(2);
    expect(triplets.every((t) => t.sourceEventId === dislike.event.eventId)).toBe(true);
  });

  it('does not mutate the stored history', () => {
    const history = new Map([['u1', { positiveItemIds: ['a'], negativeItemIds: [] }]]);
    pairs([event('u1', 'x', 'dislike')], history);
    expect(history.get('u1')).toEqual({ positiveItemIds: ['a'], negativeItemIds: [] });
  });
});
