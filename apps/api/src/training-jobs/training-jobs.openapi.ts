import { z } from 'zod';
import { trainingJobParamsSchema } from '@recsys/domain';
import { idSchema } from '@recsys/input-rules';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';

const timestamp = z.string().meta({ format: 'date-time' });

export const trainingJobSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    params: z
      .record(z.string(), z.unknown())
      .meta({ description: 'the overrides it was queued with' }),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    metrics: z.record(z.string(), z.number()).nullable(),
    modelVersion: z.string().nullable().meta({ description: 'the version it published, if any' }),
    error: z.string().nullable(),
  })
  .meta({
    id: 'TrainingJob',
    example: {
      id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      status: 'succeeded',
      params: { epochs: 20 },
      createdAt: '2026-12-01T12:00:00.000Z',
      startedAt: '2026-12-01T12:00:01.000Z',
      finishedAt: '2026-12-01T12:02:10.000Z',
      metrics: { 'recall@20': 0.31, 'ndcg@20': 0.27 },
      modelVersion: 'v20261201-1200',
      error: null,
    },
  });

/** `POST /training-jobs`, `GET /training-jobs/{id}`. */
export const trainingJobsPaths: FeaturePaths = () => ({
  '/training-jobs': {
    post: operation({
      operationId: 'createTrainingJob',
      tag: 'training',
      summary: 'Queue a training job',
      description:
        "The body is optional; it may override the trainer's hyper-parameters for this job.",
      access: 'write',
      body: { schema: trainingJobParamsSchema, required: false, example: { epochs: 30, dim: 64 } },
      responses: { 201: jsonAnswer('the queued job', trainingJobSchema) },
      errors: [503],
    }),
  },
  '/training-jobs/{id}': {
    get: operation({
      operationId: 'getTrainingJob',
      tag: 'training',
      summary: 'A training job and its status',
      access: 'read',
      path: z.object({
        id: idSchema('id').meta({ example: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }),
      }),
      responses: { 200: jsonAnswer('the job', trainingJobSchema) },
      errors: [404, 503],
    }),
  },
});
