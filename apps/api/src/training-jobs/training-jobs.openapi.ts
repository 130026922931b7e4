import { z } from 'zod';
import { JOB_STATUSES, trainingJobParamsSchema } from '@recsys/domain';
import { idSchema } from '@recsys/input-rules';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';
import { JOB_LIST_DEFAULT_LIMIT, JOB_LIST_MAX_LIMIT } from './job-list-query';

const timestamp = z.string().meta({ format: 'date-time' });

const jobProgressSchema = z
  .object({
    epoch: z.int().meta({ description: 'epochs done (the last finished one)' }),
    epochs: z.int().meta({ description: 'epochs planned (the candidate and the final fit)' }),
    lossPerEpoch: z.array(z.number()).meta({ description: 'mean loss of each finished epoch' }),
    elapsedMs: z.number(),
    remainingMs: z.number().nullable().meta({ description: 'estimate; null if unknown' }),
  })
  .meta({ id: 'TrainingJobProgress' });

export const trainingJobSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    status: z.enum(JOB_STATUSES),
    trigger: z.enum(['manual', 'schedule', 'signals']).meta({
      description: 'who queued it: the API, or the trainer by its schedule or new signals',
    }),
    params: z
      .record(z.string(), z.unknown())
      .meta({ description: 'the overrides it was queued with' }),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    metrics: z.record(z.string(), z.number()).nullable(),
    modelVersion: z.string().nullable().meta({ description: 'the version it published, if any' }),
    error: z.string().nullable(),
    progress: jobProgressSchema
      .nullable()
      .meta({ description: 'null until the first epoch ends; kept after the job ends' }),
  })
  .meta({
    id: 'TrainingJob',
    example: {
      id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      status: 'succeeded',
      trigger: 'manual',
      params: { epochs: 20 },
      createdAt: '2026-12-01T12:00:00.000Z',
      startedAt: '2026-12-01T12:00:01.000Z',
      finishedAt: '2026-12-01T12:02:10.000Z',
      metrics: { 'recall@20': 0.31, 'ndcg@20': 0.27 },
      modelVersion: 'v20261201-1200',
      error: null,
      progress: {
        epoch: 2,
        epochs: 2,
        lossPerEpoch: [0.21, 0.12],
        elapsedMs: 129000,
        remainingMs: 0,
      },
    },
  });

const jobPageSchema = z
  .object({
    jobs: z.array(trainingJobSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'the next (older) page; null on the last page' }),
  })
  .meta({ id: 'TrainingJobPage' });

const jobIdPath = z.object({
  id: idSchema('id').meta({ example: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }),
});

/** `POST /training-jobs`, `GET /training-jobs`, `GET /training-jobs/{id}`, `DELETE /training-jobs/{id}`. */
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
    get: operation({
      operationId: 'listTrainingJobs',
      tag: 'training',
      summary: 'Training jobs, newest first, paged',
      access: 'read',
      query: z.object({
        status: z.enum(JOB_STATUSES).optional(),
        limit: z
          .int()
          .min(1)
          .max(JOB_LIST_MAX_LIMIT)
          .optional()
          .meta({ description: `default ${JOB_LIST_DEFAULT_LIMIT}` }),
        cursor: z.string().optional().meta({ description: 'the nextCursor of a previous page' }),
      }),
      responses: { 200: jsonAnswer('a page of jobs', jobPageSchema) },
      errors: [503],
    }),
  },
  '/training-jobs/{id}': {
    get: operation({
      operationId: 'getTrainingJob',
      tag: 'training',
      summary: 'A training job and its status',
      access: 'read',
      path: jobIdPath,
      responses: { 200: jsonAnswer('the job', trainingJobSchema) },
      errors: [404, 503],
    }),
    delete: operation({
      operationId: 'cancelTrainingJob',
      tag: 'training',
      summary: 'Cancel a queued or running job',
      description:
        'A running job stops at its next epoch end and publishes nothing; a job that has ended is a 409.',
      access: 'write',
      path: jobIdPath,
      responses: { 200: jsonAnswer('the cancelled job', trainingJobSchema) },
      errors: [404, 409, 503],
    }),
  },
});
