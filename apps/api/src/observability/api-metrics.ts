import { Injectable } from '@nestjs/common';
import type { AnswerPath } from '@recsys/recommendations';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  readonly httpRequestDuration = new Histogram({
    name: 'recsys_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** `source`: model | realtime | popular ...; `path`: list (a stored shortlist) | search (an index query). */
  readonly recommendAnswers = new Counter({
    name: 'recsys_recommend_answers_total',
    help: 'Recommendation answers by source and path',
    labelNames: ['source', 'path'] as const,
    registers: [this.registry],
  });

  /** The recent-interactions cache in front of the realtime store. */
  readonly recentCacheRequests = new Counter({
    name: 'recsys_recent_cache_requests_total',
    help: 'Recent-interactions cache lookups by result (hit | miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
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
  // Label children bound once: a request then increments a number, it looks up and hashes no labels.
  private readonly recentCacheHit = this.recentCacheRequests.labels('hit');
  private readonly recentCacheMiss = this.recentCacheRequests.labels('miss');
  private readonly answerCounters: Record<AnswerPath, Map<string, Counter.Internal>> = {
    list: new Map(),
    search: new Map(),
  };

  constructor() {
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
    const children = this.answerCounters[path];
    let child = children.get(source);
    if (!child) children.set(source, (child = this.recommendAnswers.labels(source, path)));
    child.inc();
  }

  /** One lookup of a user's recent interactions: kept in memory (hit) or read from the store (miss). */
  countRecentCache(hit: boolean): void {
    (hit ? this.recentCacheHit : this.recentCacheMiss).inc();
  }

  /** Tells the model gauges where the serving model is (the model holder calls it once). */
  followServingModel(current: () => ServingModelFacts | null): void {
    this.servingModel = current;
  }
}
