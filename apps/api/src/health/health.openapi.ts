import { z } from 'zod';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';

const dependencies = z.record(z.string(), z.string()).meta({
  description: 'each dependency: `ok` or `failing: <why>`; they do not make the api unready',
});

const readinessSchema = z
  .object({ status: z.literal('ready'), modelVersion: z.string().nullable(), dependencies })
  .meta({ id: 'Readiness' });

/** `GET /health/live`, `GET /health/ready` (public, no key). */
export const healthPaths: FeaturePaths = () => ({
  '/health/live': {
    get: operation({
      operationId: 'live',
      tag: 'health',
      summary: 'Liveness: the process answers',
      access: 'public',
      responses: {
        200: jsonAnswer('alive', z.object({ status: z.literal('ok') }), { status: 'ok' }),
      },
    }),
  },
  '/health/ready': {
    get: operation({
      operationId: 'ready',
      tag: 'health',
      summary: 'Readiness: the current model is loaded (or known not to exist yet)',
      description: 'Not ready: 503 NOT_READY with `details.dependencies`.',
      access: 'public',
      responses: {
        200: jsonAnswer('ready', readinessSchema, {
          status: 'ready',
          modelVersion: 'v20261201-1200',
          dependencies: { redis: 'ok' },
        }),
      },
      errors: [503],
    }),
  },
});
