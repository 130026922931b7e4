import type { Producer } from 'kafkajs';
import { createSeededRandom } from '@recsys/synthetic-data';
import { mixedEvent } from './event-mix';

const MESSAGES_PER_SEND = 2000;
const SENDS_IN_FLIGHT = 4;

/**
 * Produces `count` mixed events to `topic` (acks = all, keyed by user like a storefront) before the ingestor
 * starts, so the ingestor's rate, not the producer's, is what the benchmark sees. Returns events/s produced.
 */
export async function produceBacklog(options: {
  producer: Producer;
  topic: string;
  count: number;
  users: number;
  items: number;
  seed: number;
}): Promise<number> {
  const mix = { users: options.users, items: options.items, random: createSeededRandom(options.seed), startMs: Date.UTC(2026, 0, 1) }; // prettier-ignore
  const startMs = performance.now();
  let next = 0;
  const sendBatches = async () => {
    while (next < options.count) {
      const first = next;
      next = Math.min(options.count, next + MESSAGES_PER_SEND);
      const messages = [];
      for (let sequence = first; sequence < next; sequence++) {
        const event = mixedEvent(mix, sequence);
        messages.push({ key: String(event.userId), value: JSON.stringify(event) });
      }
      await options.producer.send({ topic: options.topic, acks: -1, messages });
    }
  };
  await Promise.all(Array.from({ length: SENDS_IN_FLIGHT }, sendBatches));
  return options.count / ((performance.now() - startMs) / 1000);
}
