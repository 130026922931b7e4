import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Histogram } from 'prom-client';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ApiMetrics } from './api-metrics';

// Requests Fastify matched to no route (404s, probes of random paths): one label, so a scan of made-up
// URLs cannot create a time series per URL.
const UNMATCHED_ROUTE = 'unmatched';

type Child = Histogram.Internal<'method' | 'route' | 'status_code'>;

/**
 * Times every request into `recsys_http_request_duration_seconds` by method, route PATTERN
 * (`/recommend/:userId`, never the URL) and status, in Fastify's `onResponse` hook, which runs after the
 * answer was sent. Fastify already measures `reply.elapsedTime`; the label children are looked up in
 * nested maps (route, method, status) so a request allocates nothing.
 */
export function installHttpRequestMetrics(app: NestFastifyApplication): void {
  const settings = app.get<ApiSettings>(API_SETTINGS);
  if (settings.metricsEnabled === false) return;
  const histogram = app.get(ApiMetrics).httpRequestDuration;
  const children = new Map<string, Map<string, Map<number, Child>>>();
  const childFor = (method: string, route: string, status: number): Child => {
    let byMethod = children.get(route);
    if (!byMethod) children.set(route, (byMethod = new Map<string, Map<number, Child>>()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map<number, Child>()));
    let child = byStatus.get(status);
    if (!child) byStatus.set(status, (child = histogram.labels(method, route, String(status))));
    return child;
  };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      childFor(request.method, route, reply.statusCode).observe(reply.elapsedTime / 1000);
      done();
    });
}
