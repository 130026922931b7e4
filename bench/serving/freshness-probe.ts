import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer } from 'kafkajs';
import { BENCH_API_KEY } from './running-apps';

export interface FreshnessProbe {
  baseUrl: string;
  producer: Producer;
  topic: string;
  /** Pause between two reads of the recommendation. */
  pollIntervalMs: number;
  timeoutMs: number;
}

/**
 * Reads the user's recommendation, produces a click on `itemId` (acks = all, as a storefront would), then
 * re-reads every `pollIntervalMs` until the answer changes. Returns produce-start-to-changed-answer in ms,
 * or null when it did not change within `timeoutMs`.
 */
export async function measureFreshness(
  probe: FreshnessProbe,
  click: { userId: string; itemId: string },
): Promise<number | null> {
  const before = await recommendation(probe.baseUrl, click.userId);
  const startMs = performance.now();
  await probe.producer.send({
    topic: probe.topic,
    acks: -1,
    messages: [{ key: click.userId, value: JSON.stringify(clickEvent(click)) }],
  });
  while (performance.now() - startMs < probe.timeoutMs) {
    const now = await recommendation(probe.baseUrl, click.userId);
    if (now !== before) {
      const elapsedMs = performance.now() - startMs;
      // Only the click may change the answer: the blended query marks the items `realtime`.
      if (!now.includes('"source":"realtime"')) throw new Error(`answer changed without the click: ${now}`); // prettier-ignore
      return elapsedMs;
    }
    await sleep(probe.pollIntervalMs);
  }
  return null;
}

function clickEvent(click: { userId: string; itemId: string }) {
  return {
    eventId: `bench-freshness-${randomUUID()}`,
    userId: click.userId,
    itemId: click.itemId,
    type: 'click',
    timestamp: new Date().toISOString(),
  };
}

/** The answer's items (ids and scores) as one string, to compare two answers. */
async function recommendation(baseUrl: string, userId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/recommend/${encodeURIComponent(userId)}`, {
    headers: { 'x-api-key': BENCH_API_KEY },
  });
  const body = (await response.json()) as { items?: unknown };
  if (response.status !== 200) {
    throw new Error(`GET /recommend/${userId} answered ${response.status} ${JSON.stringify(body)}`);
  }
  return JSON.stringify(body.items);
}
