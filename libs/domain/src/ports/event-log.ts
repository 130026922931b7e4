import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { Triplet } from '../triplet';

/**
 * The items a user liked (polarity 1) and unliked (polarity -1) before the events being appended, most
 * recent first, at most `HISTORY_LIMIT` of each.
 */
export const HISTORY_LIMIT = 200;

export interface UserHistory {
  positiveItemIds: string[];
  negativeItemIds: string[];
}

/** Computes the triplets that newly appended events produce, given their users' earlier history. */
export type TripletDeriver = (
  newEvents: readonly ClassifiedEvent[],
  historyByUser: ReadonlyMap<string, UserHistory>,
) => Triplet[];

/**
 * An event with what it says about its item, computed by the pure classifier before it is logged:
 * `polarity` 1 = liked (with `weight`), -1 = unliked, 0 = neutral (for example a plain view).
 */
export interface ClassifiedEvent {
  event: InteractionEventV1;
  polarity: -1 | 0 | 1;
  weight: number;
  /**
   * When the service received the event (ISO-8601), if known: a late event (old timestamp) is still news
   * to a model trained before it arrived.
   */
  receivedAt?: string;
}

export interface AppendResult {
  inserted: number;
  duplicates: number;
  triplets: number;
}

/**
 * The durable log of interaction events, idempotent on `eventId`. `append` writes the new events and the
 * triplets derived from them in one transaction, so a crash between the two cannot lose triplets.
 */
export interface EventLog {
  append(events: readonly ClassifiedEvent[], derive: TripletDeriver): Promise<AppendResult>;
  count(): Promise<number>;
  countByEventIds(eventIds: readonly string[]): Promise<number>;
  /** Events the service received at or after `since` (for a recent events-per-second figure). */
  countReceivedSince(since: Date): Promise<number>;
  close(): Promise<void>;
}
