import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer } from 'kafkajs';

const RETRY_DELAY_MS = 1000;

/**
 * Valid-looking events that broke ingestion in the 2026-12-01 attack (an offset beyond ±15:59 that
 * PostgreSQL refuses, lone UTF-16 surrogates in an id and in a jsonb array). Each must end up stored or
 * dead-lettered; none may stall its partition. One per partition of `partitions`.
 */
export async function producePoisonEvents(options: {
  producer: Producer;
  topic: string;
  partitions: number;
  until: () => boolean;
}): Promise<number> {
  const now = new Date().toISOString().slice(0, 19);
  const events = [
    { eventId: 'poison-offset', userId: 'poison-user', itemId: 'item-1', type: 'click', timestamp: `${now}+16:00` }, // prettier-ignore
    { eventId: 'poison-surrogate-id', userId: 'poison-user', itemId: 'item-\ud800', type: 'click', timestamp: `${now}Z` }, // prettier-ignore
    { eventId: 'poison-surrogate-shown', userId: 'poison-user', itemId: 'item-1', type: 'impression', shownItemIds: ['item-\udfff'], timestamp: `${now}Z` }, // prettier-ignore
  ];
  const messages = events.map((event, i) => ({
    partition: i % options.partitions,
    key: event.userId,
    value: JSON.stringify(event),
  }));
  // The broker may be restarting right now: retry until it takes them (or the stream is over).
  for (;;) {
    try {
      await options.producer.send({ topic: options.topic, acks: -1, messages });
      return messages.length;
    } catch (error) {
      if (options.until()) throw error;
      await sleep(RETRY_DELAY_MS);
    }
  }
}
