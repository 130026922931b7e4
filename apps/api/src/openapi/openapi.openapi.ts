import { z } from 'zod';
import { contentAnswer, jsonAnswer, operation, type FeaturePaths } from './operation';

/** `GET /openapi.json` and the page that renders it, `GET /docs` (public: they hold no data). */
export const docsPaths: FeaturePaths = () => ({
  '/openapi.json': {
    get: operation({
      operationId: 'openApiDocument',
      tag: 'docs',
      summary: 'This document (OpenAPI 3.1)',
      access: 'public',
      responses: {
        200: jsonAnswer('the document', z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) })), // prettier-ignore
      },
    }),
  },
  '/docs': {
    get: operation({
      operationId: 'apiDocsPage',
      tag: 'docs',
      summary: 'This document rendered by Swagger UI (served from the package, no CDN)',
      access: 'public',
      responses: {
        200: contentAnswer('an HTML page', 'text/html'),
      },
    }),
  },
});
