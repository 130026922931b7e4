import { Global, Injectable, Module } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'recsys_api_' });
  }
}

/** One ApiMetrics per api instance, for every feature module. */
@Global()
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class ObservabilityModule {}
