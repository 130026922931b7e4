import { createDocument, type oas31, type ZodOpenApiResponseObject } from 'zod-openapi';
import { SECURITY_SCHEMES } from '../access/access.openapi';
import type { ApiSettings } from '../api-settings';
import { itemsPaths } from '../catalogue/items.openapi';
import { dashboardPaths } from '../dashboard/dashboard.openapi';
import { eventsPaths } from '../events/events.openapi';
import { healthPaths } from '../health/health.openapi';
import { ERROR_RESPONSES } from '../http/error-responses.openapi';
import { modelsPaths } from '../models/models.openapi';
import { metricsPaths } from '../observability/metrics.openapi';
import { recommendationsPaths } from '../recommendations/recommendations.openapi';
import { trainingJobsPaths } from '../training-jobs/training-jobs.openapi';
import { docsPaths } from './openapi.openapi';
import type { FeaturePaths } from './operation';

/**
 * Where each route's schema lives: a feature's `<feature>.openapi.ts` exports its FeaturePaths, written
 * with `operation()` from the same zod schemas that parse its requests, and is listed here. A route that
 * is not listed fails the e2e suite's contract check (test/e2e/support/response-contract.ts) and the
 * route spec (api-document.spec.ts). Non-JSON answers are declared by their content type with
 * `contentAnswer` (`GET /metrics`: 'text/plain'; an HTML page: 'text/html').
 */
const FEATURE_PATHS: readonly FeaturePaths[] = [
  recommendationsPaths,
  eventsPaths,
  itemsPaths,
  trainingJobsPaths,
  modelsPaths,
  healthPaths,
  metricsPaths,
  dashboardPaths,
  docsPaths,
];

const DESCRIPTION = `Recommendations from user and item embeddings trained with triplet loss.

Every error answer has one JSON shape (ErrorBody): \`statusCode\`, a stable \`error\` code, a \`message\`, and
sometimes \`details\` (400: \`details.errors\` lists every bad field). 503 and 429 carry \`Retry-After\`;
requests counted against a key carry the RateLimit headers \`ratelimit-limit\`, \`ratelimit-remaining\`,
\`ratelimit-reset\`. Keys: \`x-api-key\` or \`Authorization: Bearer\`; read endpoints take a read or a
write key, write endpoints a write key. This document and its page (/docs) need no key.`;

// Each error answer once under components/responses, by its id (BadRequest, RateLimited ...).
const errorComponents: Record<string, ZodOpenApiResponseObject> = {};
for (const response of Object.values<ZodOpenApiResponseObject>(ERROR_RESPONSES)) {
  errorComponents[response.id ?? ''] = response;
}

const documents = new WeakMap<ApiSettings, oas31.OpenAPIObject>();

/** The api's OpenAPI 3.1 document for `settings` (its request bounds), built once per settings object. */
export function apiDocument(settings: ApiSettings): oas31.OpenAPIObject {
  let document = documents.get(settings);
  if (!document) {
    document = createDocument({
      openapi: '3.1.0',
      info: { title: 'triplet-recsys api', version: '1', description: DESCRIPTION },
      tags: [
        'recommendations',
        'events',
        'catalogue',
        'training',
        'models',
        'health',
        'dashboard',
        'docs',
      ].map((name) => ({ name })),
      paths: Object.fromEntries(FEATURE_PATHS.flatMap((paths) => Object.entries(paths(settings)))),
      components: { securitySchemes: SECURITY_SCHEMES, responses: errorComponents },
    });
    documents.set(settings, document);
  }
  return document;
}
