import type { InteractionEventV1 } from '@recsys/interaction-events';

/** An event the service refused, by its position in the batch sent. */
export interface RefusedEvent {
  index: number;
  reason: string;
}

/** Where `recsys import` delivers validated events, one batch at a time, in file order. */
export interface EventSender {
  /** Resolves once the batch is accepted (but for the refused events); throws when delivery fails. */
  send(events: readonly InteractionEventV1[]): Promise<RefusedEvent[]>;
  close(): Promise<void>;
}
