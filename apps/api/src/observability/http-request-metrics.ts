import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { ApiMetrics } from './api-metrics';

// Requests Fastify matched to no route (404s, probes of random paths): one label, so a scan of made-up
// URLs cannot create a time series per URL.
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request into `recsys_http_request_duration_seconds` by method, route PATTERN
 * (`/recommend/:userId`, never the URL) and status, in Fastify's `onResponse` hook, which runs after the
 * answer was sent. Fastify already measures `reply.elapsedTime`; the series are kept in nested maps (route,
 * method, status), see RequestDurationHistogram.
 */
export function installHttpRequestMetrics(app: NestFastifyApplication): void {
  const settings = app.get<ApiSettings>(API_SETTINGS);
  if (settings.metricsEnabled === false) return;
  const histogram = app.get(ApiMetrics).httpRequestDuration;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      histogram.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
}
