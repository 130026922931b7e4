import { z } from 'zod';
import { idSchema } from '@recsys/input-rules';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';

const modelMetadataSchema = z
  .object({
    version: z.string(),
    createdAt: z.string().meta({ format: 'date-time' }),
    dim: z.int(),
    metric: z.enum(['neg-l2', 'dot', 'cosine']),
    itemCount: z.int(),
    userCount: z.int(),
    metrics: z
      .record(z.string(), z.number())
      .meta({ description: 'held-out metrics, e.g. recall@20' }),
    trainingParams: z.record(z.string(), z.unknown()),
    jobId: z.string().optional(),
    signalCount: z.int().optional().meta({
      description: 'liked and unliked events logged when its training data was read',
    }),
    rejected: z.string().nullable().optional().meta({
      description:
        'why the quality gate rejected this candidate; null or absent: it was not rejected',
    }),
  })
  .meta({ id: 'ModelMetadata' });

const modelVersionsSchema = z
  .object({
    current: z.string().nullable().meta({ description: 'the version current everywhere' }),
    serving: z.string().nullable().meta({ description: 'the version this replica serves' }),
    shortlists: z
      .object({ computed: z.int(), users: z.int() })
      .nullable()
      .meta({ description: 'users of the serving model whose list is computed yet, of how many' }),
    versions: z.array(modelMetadataSchema),
  })
  .meta({
    id: 'ModelVersions',
    example: {
      current: 'v20261201-1200',
      serving: 'v20261201-1200',
      shortlists: { computed: 943, users: 943 },
      versions: [
        {
          version: 'v20261201-1200',
          createdAt: '2026-12-01T12:00:00.000Z',
          dim: 64,
          metric: 'neg-l2',
          itemCount: 1682,
          userCount: 943,
          metrics: { 'recall@20': 0.31, 'ndcg@20': 0.27 },
          trainingParams: { epochs: 20, dim: 64 },
          jobId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        },
      ],
    },
  });

const activationSchema = z.object({ current: z.string(), serving: z.string().nullable() }).meta({
  id: 'ModelActivation',
  example: { current: 'v20261130-0900', serving: 'v20261130-0900' },
});

/** `GET /models`, `POST /models/{version}/activate`. */
export const modelsPaths: FeaturePaths = () => ({
  '/models': {
    get: operation({
      operationId: 'listModels',
      tag: 'models',
      summary:
        'Published model versions with their metrics; which is current and which this replica serves',
      access: 'read',
      responses: { 200: jsonAnswer('the versions', modelVersionsSchema) },
      errors: [503],
    }),
  },
  '/models/{version}/activate': {
    post: operation({
      operationId: 'activateModel',
      tag: 'models',
      summary: 'Make a version current everywhere (rollback or forward)',
      description: 'Answers once this replica serves it.',
      access: 'write',
      path: z.object({ version: idSchema('version').meta({ example: 'v20261130-0900' }) }),
      responses: { 200: jsonAnswer('the version is current', activationSchema) },
      errors: [404, 503],
    }),
  },
});
