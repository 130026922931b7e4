import { z } from 'zod';
import { idSchema } from '@recsys/input-rules';
import { contentAnswer, jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';
import { MAX_PLACED_ITEMS, MAX_RECENT_LIMIT } from './dashboard-queries';

const reading = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ value }),
    z.object({ error: z.string().meta({ description: 'why the source could not be read now' }) }),
  ]);

const trafficSchema = z
  .object({
    at: z.string().meta({ format: 'date-time' }),
    eventsPerSecond: reading(z.number()),
    deadLetters: reading(z.number()),
    consumerLag: reading(z.array(z.object({ partition: z.int(), lag: z.number() }))),
    recommend: z.object({
      requests: z.number(),
      latencyMs: z.object({
        p50: z.number().nullable(),
        p95: z.number().nullable(),
        p99: z.number().nullable(),
      }),
      answers: z.array(z.object({ source: z.string(), path: z.string(), count: z.number() })),
    }),
  })
  .meta({ id: 'DashboardTraffic' });

const embeddingMapSchema = z
  .object({
    modelVersion: z.string(),
    itemCount: z.int(),
    sampled: z.int(),
    points: z.array(
      z.object({
        itemId: z.string(),
        x: z.number(),
        y: z.number(),
        category: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'EmbeddingMap' });

const placementSchema = z
  .object({
    modelVersion: z.string(),
    user: z.object({ x: z.number(), y: z.number() }).nullable(),
    items: z.array(z.object({ itemId: z.string(), x: z.number(), y: z.number() })),
  })
  .meta({ id: 'EmbeddingMapPlacement' });

const recentSchema = z
  .object({
    userId: z.string(),
    interactions: z.array(
      z.object({
        itemId: z.string(),
        polarity: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
        weight: z.number(),
        at: z.string(),
        receivedAt: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'RecentInteractions' });

/** The dashboard page, its files, its JSON (read key) and a user's recent interactions. */
export const dashboardPaths: FeaturePaths = () => ({
  '/dashboard': {
    get: operation({
      operationId: 'dashboardPage',
      tag: 'dashboard',
      summary: "The operators' dashboard (the page asks for a key; it holds no data)",
      access: 'public',
      responses: { 200: contentAnswer('an HTML page', 'text/html') },
      errors: [404],
    }),
  },
  '/dashboard/assets/{file}': {
    get: operation({
      operationId: 'dashboardAsset',
      tag: 'dashboard',
      summary: "The page's scripts, stylesheet and charting library",
      access: 'public',
      path: z.object({ file: z.string() }),
      responses: {
        200: {
          description: 'the file',
          content: {
            'text/javascript': { schema: z.string() },
            'text/css': { schema: z.string() },
            'text/html': { schema: z.string() },
          },
        },
      },
      errors: [404],
    }),
  },
  '/dashboard/traffic': {
    get: operation({
      operationId: 'dashboardTraffic',
      tag: 'dashboard',
      summary:
        'Events/s, dead letters, consumer lag and /recommend figures, from the service itself',
      access: 'read',
      responses: { 200: jsonAnswer('the figures; a source that is away gives an error', trafficSchema) }, // prettier-ignore
    }),
  },
  '/dashboard/embedding-map': {
    get: operation({
      operationId: 'embeddingMap',
      tag: 'dashboard',
      summary: "The serving model's items on the first two principal components (a sample)",
      access: 'read',
      responses: { 200: jsonAnswer('the map', embeddingMapSchema) },
      errors: [503],
    }),
  },
  '/dashboard/embedding-map/placement': {
    get: operation({
      operationId: 'embeddingMapPlacement',
      tag: 'dashboard',
      summary: 'A user and some items placed on the map',
      access: 'read',
      query: z.object({
        userId: z.string(),
        itemIds: z
          .string()
          .optional()
          .meta({ description: `comma-separated item ids, at most ${MAX_PLACED_ITEMS}` }),
      }),
      responses: { 200: jsonAnswer('the placement', placementSchema) },
      errors: [503],
    }),
  },
  '/users/{userId}/recent': {
    get: operation({
      operationId: 'recentInteractions',
      tag: 'dashboard',
      summary: "A user's recent interactions, newest first (one per item)",
      access: 'read',
      path: z.object({ userId: idSchema('userId') }),
      query: z.object({
        limit: z.int().min(1).max(MAX_RECENT_LIMIT).optional().meta({ description: 'default 20' }),
      }),
      responses: { 200: jsonAnswer('the interactions', recentSchema) },
      errors: [503],
    }),
  },
});
