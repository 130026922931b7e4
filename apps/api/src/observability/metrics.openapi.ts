import { contentAnswer, operation, type FeaturePaths } from '../openapi/operation';

/** `GET /metrics` (Prometheus text; public like the health routes; 404 when METRICS_ENABLED=false). */
export const metricsPaths: FeaturePaths = () => ({
  '/metrics': {
    get: operation({
      operationId: 'metrics',
      tag: 'health',
      summary: "The api's Prometheus metrics (text exposition format)",
      access: 'public',
      responses: { 200: contentAnswer('Prometheus text', 'text/plain') },
      errors: [404],
    }),
  },
});
