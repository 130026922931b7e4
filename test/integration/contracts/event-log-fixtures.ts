// Builders shared by the event-log and triplet-store contracts: classified events with readable
// timestamps, and a triplet deriver that records what it was called with.
import type { ClassifiedEvent, Triplet, TripletDeriver, UserHistory } from '@recsys/domain';
import type { InteractionType } from '@recsys/interaction-events';

const BASE_TIME_MS = Date.parse('2026-01-01T00:00:00.000Z');

/** The time of an event placed at `minute`, in ms since the epoch. */
export function minuteMs(minute: number): number {
  return BASE_TIME_MS + minute * 60_000;
}

/** What a test says about one event; `minute` places it in time (minutes after a fixed base). */
export interface EventSpec {
  eventId: string;
  userId: string;
  itemId: string;
  minute: number;
  polarity: -1 | 0 | 1;
  weight?: number;
  type?: InteractionType;
}

/** A classified event from a spec (type defaults to like / dislike / view by polarity). */
export function classifiedEvent(spec: EventSpec): ClassifiedEvent {
  const defaultType = spec.polarity > 0 ? 'like' : spec.polarity < 0 ? 'dislike' : 'view';
  return {
    event: {
      eventId: spec.eventId,
      userId: spec.userId,
      itemId: spec.itemId,
      type: spec.type ?? defaultType,
      timestamp: new Date(BASE_TIME_MS + spec.minute * 60_000).toISOString(),
    },
    polarity: spec.polarity,
    weight: spec.weight ?? (spec.polarity > 0 ? 1 : 0),
  };
}

/** One call of a deriver: the events and history it received, copied. */
export interface DeriverCall {
  eventIds: string[];
  history: Map<string, UserHistory>;
}

/** A deriver that records each call and returns what `produce` makes of it (no triplets by default). */
export function recordingDeriver(
  produce: (events: readonly ClassifiedEvent[]) => Triplet[] = () => [],
): { derive: TripletDeriver; calls: DeriverCall[] } {
  const calls: DeriverCall[] = [];
  const derive: TripletDeriver = (events, history) => {
    calls.push({
      eventIds: events.map((classified) => classified.event.eventId),
      history: new Map(history),
    });
    return produce(events);
  };
  return { derive, calls };
}

/** Each positive event against one fixed unliked item: a deterministic triplet per liked event. */
export function tripletPerLike(negativeItemId: string) {
  return (events: readonly ClassifiedEvent[]): Triplet[] =>
    events
      .filter((classified) => classified.polarity === 1)
      .map(({ event }) => ({
        userId: event.userId,
        positiveItemId: event.itemId,
        negativeItemId,
        sourceEventId: event.eventId,
      }));
}
