// Builders for the realtime-store tests: classified events placed in time by minutes or hours after a
// fixed base, so expected orders and decayed scores can be worked out by hand.
import type { ClassifiedEvent } from '@recsys/domain';
import type { InteractionType } from '@recsys/interaction-events';

/** 2026-03-01T00:00:00Z: the time every fixture event is placed after. */
export const BASE_TIME_MS = Date.parse('2026-03-01T00:00:00.000Z');
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** What a test says about one event; `minute` places it in time after BASE_TIME_MS. */
export interface RealtimeEventSpec {
  userId?: string;
  itemId: string;
  minute: number;
  polarity?: -1 | 0 | 1;
  weight?: number;
  type?: InteractionType;
}

let sequence = 0;

/** A classified event (liked with weight 1 unless told otherwise) with a unique event id. */
export function realtimeEvent(spec: RealtimeEventSpec): ClassifiedEvent {
  const polarity = spec.polarity ?? 1;
  const defaultType = polarity > 0 ? 'like' : polarity < 0 ? 'dislike' : 'view';
  sequence += 1;
  return {
    event: {
      eventId: `rt-${sequence}`,
      userId: spec.userId ?? 'u1',
      itemId: spec.itemId,
      type: spec.type ?? defaultType,
      timestamp: timeAt(spec.minute),
    },
    polarity,
    weight: spec.weight ?? (polarity > 0 ? 1 : 0),
  };
}

/** The ISO-8601 time `minute` minutes after BASE_TIME_MS, as the fixtures write it. */
export function timeAt(minute: number): string {
  return new Date(BASE_TIME_MS + minute * MINUTE_MS).toISOString();
}

/** `count` identical liked events of one item at one time: a burst. */
export function burst(options: { itemId: string; minute: number; count: number; weight?: number }) {
  return Array.from({ length: options.count }, () =>
    realtimeEvent({ itemId: options.itemId, minute: options.minute, weight: options.weight }),
  );
}
