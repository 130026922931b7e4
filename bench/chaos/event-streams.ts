import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer } from 'kafkajs';
import type { InteractionEventV1 } from '@recsys/interaction-events';

/** What one stream did: every event it tried, those it got an acknowledgement for, the 5xx answers. */
export interface StreamTally {
  sent: InteractionEventV1[];
  acknowledged: InteractionEventV1[];
  /** HTTP status -> count of 5xx answers. */
  http5xx: Map<number, number>;
  /** A few 5xx answers as they came, to route the fix. */
  http5xxExamples: string[];
  /** Requests or sends that got no answer at all (process or broker down). */
  unanswered: number;
}

const MAX_EXAMPLES = 10;
const SEND_TIMEOUT_MS = 10_000;

function newTally(): StreamTally {
  return { sent: [], acknowledged: [], http5xx: new Map(), http5xxExamples: [], unanswered: 0 };
}

/** Events with unique ids `<prefix><n>` over a few users and items, timestamped now (UTC). */
export function eventFactory(prefix: string): () => InteractionEventV1 {
  let n = 0;
  const types = ['view', 'click', 'add_to_cart', 'purchase', 'like'] as const;
  return () => {
    n += 1;
    return {
      eventId: `${prefix}${n}`,
      userId: `user-${n % 997}`,
      itemId: `item-${(n * 7) % 499}`,
      type: types[n % types.length],
      timestamp: new Date().toISOString(),
    };
  };
}

/** Posts batches of `batchSize` events to `POST /events` every `intervalMs` until `until()` is true. */
export async function streamOverHttp(options: {
  baseUrl: () => string;
  apiKey: string;
  batchSize: number;
  intervalMs: number;
  until: () => boolean;
}): Promise<StreamTally> {
  const tally = newTally();
  const next = eventFactory('chaos-http-');
  while (!options.until()) {
    const batch = Array.from({ length: options.batchSize }, next);
    tally.sent.push(...batch);
    try {
      const response = await fetch(`${options.baseUrl()}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status === 202) tally.acknowledged.push(...batch);
      if (response.status >= 500) {
        tally.http5xx.set(response.status, (tally.http5xx.get(response.status) ?? 0) + 1);
        if (tally.http5xxExamples.length < MAX_EXAMPLES) tally.http5xxExamples.push(`${response.status} ${text.slice(0, 300)}`); // prettier-ignore
      }
    } catch {
      tally.unanswered += 1;
    }
    await sleep(options.intervalMs);
  }
  return tally;
}

/** Produces batches straight to Kafka (acks from all replicas) every `intervalMs` until `until()`. */
export async function streamOverKafka(options: {
  producer: Producer;
  topic: string;
  batchSize: number;
  intervalMs: number;
  until: () => boolean;
}): Promise<StreamTally> {
  const tally = newTally();
  const next = eventFactory('chaos-kafka-');
  while (!options.until()) {
    const batch = Array.from({ length: options.batchSize }, next);
    tally.sent.push(...batch);
    const sending = options.producer.send({
      topic: options.topic,
      acks: -1,
      messages: batch.map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
    });
    const acknowledged = await Promise.race([
      sending.then(() => true),
      sleep(SEND_TIMEOUT_MS).then(() => false),
    ]).catch(() => false);
    // A send given up on may still land later: then it is stored but not counted as acknowledged.
    sending.catch(() => undefined);
    if (acknowledged) tally.acknowledged.push(...batch);
    else tally.unanswered += 1;
    await sleep(options.intervalMs);
  }
  return tally;
}
