import { Injectable } from '@nestjs/common';
import type { AnswerPath } from '@recsys/recommendations';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type Metric,
} from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram';

/** What the model gauges read at scrape time: the serving model, or null before the first one. */
export interface ServingModelFacts {
  version: string;
  trainedAtMs: number;
}

/**
 * The api's Prometheus metrics, on a registry of its own per app instance (not prom-client's global one):
 * several apps in one process (tests, the embedded app) must not share or collide on counters. `GET
 * /metrics` exposes `registry`; the dashboard reads the same counters, so the page and Prometheus agree.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  /** Every answered request by method, route pattern and status (see RequestDurationHistogram). */
  readonly httpRequestDuration = new RequestDurationHistogram([
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  ]);

  // Counted in plain numbers on the request path (prom-client hashes labels on every inc, even through a
  // bound child) and handed to the counters when they are read (scrape, or the dashboard's get()).
  private readonly answerCounts: Record<AnswerPath, Map<string, number>> = {
    list: new Map(),
    search: new Map(),
  };
  private readonly recentCacheCounts = { hit: 0, miss: 0 };

  /** `source`: model | realtime | popular ...; `path`: list (a stored shortlist) | search (an index query). */
  readonly recommendAnswers = new Counter({
    name: 'recsys_recommend_answers_total',
    help: 'Recommendation answers by source and path',
    labelNames: ['source', 'path'] as const,
    registers: [this.registry],
    collect: () => {
      this.recommendAnswers.reset();
      for (const path of ['list', 'search'] as const) {
        for (const [source, count] of this.answerCounts[path]) {
          this.recommendAnswers.inc({ source, path }, count);
        }
      }
    },
  });

  /** The recent-interactions cache in front of the realtime store. */
  readonly recentCacheRequests = new Counter({
    name: 'recsys_recent_cache_requests_total',
    help: 'Recent-interactions cache lookups by result (hit | miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
    collect: () => {
      this.recentCacheRequests.reset();
      for (const result of ['hit', 'miss'] as const) {
        this.recentCacheRequests.inc({ result }, this.recentCacheCounts[result]);
      }
    },
  });

  /** Wall time from a model's load to its index being ready, per swap attempt that built one. */
  readonly indexBuildDuration = new Histogram({
    name: 'recsys_index_build_seconds',
    help: 'Time to build the nearest-neighbour index of a loaded model',
    buckets: [0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly modelSwaps = new Counter({
    name: 'recsys_model_swaps_total',
    help: 'Models swapped in to serve (the first load counts as one)',
    registers: [this.registry],
  });

  private servingModel: () => ServingModelFacts | null = () => null;
  constructor() {
    this.registry.registerMetric(this.httpRequestDuration as unknown as Metric);
    collectDefaultMetrics({ register: this.registry, prefix: 'recsys_api_' });
    const servingModel = () => this.servingModel();
    // Computed at scrape time, so the age is always current and nothing runs per request.
    new Gauge({
      name: 'recsys_model_age_seconds',
      help: 'Seconds since the serving model was trained, on its version (absent before the first model)',
      labelNames: ['version'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const model = servingModel();
        if (model) this.set({ version: model.version }, (Date.now() - model.trainedAtMs) / 1000);
      },
    });
    new Gauge({
      name: 'recsys_model_info',
      help: 'The serving model version (value 1 on its label)',
      labelNames: ['version'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const model = servingModel();
        if (model) this.set({ version: model.version }, 1);
      },
    });
  }

  /** One `/recommend` answer: `source` of its first item ('none' when empty), and the path that found it. */
  countAnswer(source: string, path: AnswerPath): void {
    const counts = this.answerCounts[path];
    counts.set(source, (counts.get(source) ?? 0) + 1);
  }

  /** One lookup of a user's recent interactions: kept in memory (hit) or read from the store (miss). */
  countRecentCache(hit: boolean): void {
    this.recentCacheCounts[hit ? 'hit' : 'miss']++;
  }

  /** Tells the model gauges where the serving model is (the model holder calls it once). */
  followServingModel(current: () => ServingModelFacts | null): void {
    this.servingModel = current;
  }
}
