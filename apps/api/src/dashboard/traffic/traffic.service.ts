import { Inject, Injectable } from '@nestjs/common';
import type { EventLog, PartitionLag, StreamStats } from '@recsys/domain';
import { CLOCK, RECENT_EVENTS, STREAM_STATS } from '../../api-ports.module';
import { ApiMetrics } from '../../observability/api-metrics';
import { histogramQuantile, type CumulativeBucket } from './histogram-quantile';

/** The route label under which ApiMetrics times `GET /recommend/:userId`. */
export const RECOMMEND_ROUTE = '/recommend/:userId';
/** Events per second are averaged over this window. */
export const EVENTS_WINDOW_SECONDS = 60;
/** A source slower than this (a broker away, its client retrying) is reported as unavailable. */
export const READING_TIMEOUT_MS = 3_000;

/** One figure that could not be read (its source is away), with why. */
export type Reading<T> = { value: T } | { error: string };

/** The traffic panel's figures, read now from the service's own counters and stores (no Prometheus). */
export interface Traffic {
  at: string;
  /** Events the event log received per second over the last EVENTS_WINDOW_SECONDS. */
  eventsPerSecond: Reading<number>;
  deadLetters: Reading<number>;
  consumerLag: Reading<PartitionLag[]>;
  /** Since this api process started. */
  recommend: {
    requests: number;
    latencyMs: { p50: number | null; p95: number | null; p99: number | null };
    answers: { source: string; path: string; count: number }[];
  };
}

/** Reads the traffic figures; each source may fail on its own without hiding the others. */
@Injectable()
export class TrafficService {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(RECENT_EVENTS) private readonly events: Pick<EventLog, 'countReceivedSince'>,
    @Inject(STREAM_STATS) private readonly stream: StreamStats,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async read(): Promise<Traffic> {
    const now = this.clock();
    const since = new Date(now.getTime() - EVENTS_WINDOW_SECONDS * 1000);
    const [eventsPerSecond, deadLetters, consumerLag, recommend] = await Promise.all([
      reading(async () => (await this.events.countReceivedSince(since)) / EVENTS_WINDOW_SECONDS),
      reading(() => this.stream.deadLetterCount()),
      reading(() => this.stream.consumerLag()),
      this.recommendFigures(),
    ]);
    return { at: now.toISOString(), eventsPerSecond, deadLetters, consumerLag, recommend };
  }

  private async recommendFigures(): Promise<Traffic['recommend']> {
    const [duration, answers] = await Promise.all([
      this.metrics.httpRequestDuration.get(),
      this.metrics.recommendAnswers.get(),
    ]);
    // Buckets of every method and status of the route, summed per bound.
    const countByBound = new Map<number, number>();
    for (const { labels, value, metricName } of duration.values) {
      if (!metricName?.endsWith('_bucket') || labels.route !== RECOMMEND_ROUTE) continue;
      // prom-client adds `le` to a bucket's labels (its types list only the declared ones).
      const bound = (labels as { le?: string | number }).le;
      const le = bound === '+Inf' ? Infinity : Number(bound);
      countByBound.set(le, (countByBound.get(le) ?? 0) + value);
    }
    const buckets: CumulativeBucket[] = [...countByBound].map(([le, count]) => ({ le, count }));
    const toMs = (q: number) => {
      const seconds = histogramQuantile(q, buckets);
      return seconds === null ? null : seconds * 1000;
    };
    return {
      requests: countByBound.get(Infinity) ?? 0,
      latencyMs: { p50: toMs(0.5), p95: toMs(0.95), p99: toMs(0.99) },
      answers: answers.values.map(({ labels, value }) => ({
        source: String(labels.source ?? 'unknown'),
        path: String(labels.path ?? 'unknown'),
        count: value,
      })),
    };
  }
}

async function reading<T>(read: () => Promise<T>): Promise<Reading<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READING_TIMEOUT_MS} ms`)),
      READING_TIMEOUT_MS,
    );
  });
  try {
    return { value: await Promise.race([read(), timeout]) };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
