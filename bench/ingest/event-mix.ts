import type { RandomSource } from '@recsys/synthetic-data';

/** A storefront-like mix of interaction events (wire format v1), deterministic for a seed. */
export interface EventMixOptions {
  users: number;
  items: number;
  random: RandomSource;
  /** Event time (ms since the epoch) of the first event; each next one is 1 ms later. */
  startMs: number;
}

const SHOWN_PER_IMPRESSION = 5;

/**
 * The `sequence`-th event of the mix: 55% views, 20% clicks, 5% add-to-cart, 3% purchases, 7% ratings
 * (a third of them low, which derive triplets with explicit negatives) and 10% impressions with 5 shown items.
 */
export function mixedEvent(options: EventMixOptions, sequence: number): Record<string, unknown> {
  const { random } = options;
  const userId = `user-${Math.floor(random() * options.users)}`;
  const itemId = `item-${Math.floor(random() * options.items)}`;
  const base = { eventId: `bench-ingest-${sequence}`, userId, itemId, timestamp: new Date(options.startMs + sequence).toISOString() }; // prettier-ignore
  const draw = random();
  if (draw < 0.55) return { ...base, type: 'view' };
  if (draw < 0.75) return { ...base, type: 'click' };
  if (draw < 0.8) return { ...base, type: 'add_to_cart' };
  if (draw < 0.83) return { ...base, type: 'purchase' };
  if (draw < 0.9) return { ...base, type: 'rating', value: 1 + Math.floor(random() * 5) };
  const shown = new Set([itemId]);
  while (shown.size < SHOWN_PER_IMPRESSION) shown.add(`item-${Math.floor(random() * options.items)}`); // prettier-ignore
  return { ...base, type: 'impression', shownItemIds: [...shown] };
}
