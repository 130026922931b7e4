import { z } from 'zod';
import { idSchema } from '@recsys/input-rules';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';
import { schemasFor } from './recommend-request';

const recommendedItemSchema = z
  .object({
    itemId: z.string(),
    score: z.number().meta({ description: 'higher is better; comparable within one answer' }),
    source: z.enum(['model', 'realtime', 'popular']).meta({
      description:
        'model: the trained vectors; realtime: blended with clicks since training; popular: fallback',
    }),
  })
  .meta({ id: 'RecommendedItem' });

const items = z.array(recommendedItemSchema);
const modelVersion = z
  .string()
  .nullable()
  .meta({ description: 'the model that answered; null: none yet' });
const sampleItems = [
  { itemId: 'item-17', score: -0.42, source: 'model' },
  { itemId: 'item-3', score: -0.57, source: 'realtime' },
];

export const recommendationsSchema = z
  .object({ userId: z.string(), modelVersion, items })
  .meta({ id: 'Recommendations', example: { userId: 'user-42', modelVersion: 'v20261201-1200', items: sampleItems } }); // prettier-ignore

const sessionRecommendationsSchema = z
  .object({ modelVersion, items })
  .meta({ id: 'SessionRecommendations', example: { modelVersion: 'v20261201-1200', items: sampleItems } }); // prettier-ignore

const similarItemsSchema = z
  .object({ itemId: z.string(), modelVersion: z.string(), items })
  .meta({ id: 'SimilarItems', example: { itemId: 'item-5', modelVersion: 'v20261201-1200', items: sampleItems } }); // prettier-ignore

const userPath = z.object({ userId: idSchema('userId').meta({ example: 'user-42' }) });
const itemPath = z.object({ itemId: idSchema('itemId').meta({ example: 'item-5' }) });

/** `GET /recommend/{userId}`, `POST /recommend`, `GET /items/{itemId}/similar`. */
export const recommendationsPaths: FeaturePaths = (settings) => {
  const { query, session } = schemasFor(settings);
  return {
    '/recommend/{userId}': {
      get: operation({
        operationId: 'recommendForUser',
        tag: 'recommendations',
        summary: "A user's recommendations",
        description:
          'Nearest items to the user (trained vector blended with recent clicks); popular items for a user ' +
          'the model does not know. `exclude` is a list (`a,b` or repeated); `excludeSeen=false` keeps items ' +
          'the user interacted with.',
        access: 'read',
        path: userPath,
        query,
        responses: { 200: jsonAnswer('the recommendations, best first', recommendationsSchema) },
        errors: [503],
      }),
    },
    '/recommend': {
      post: operation({
        operationId: 'recommendForSession',
        tag: 'recommendations',
        summary: "An anonymous session's recommendations",
        description:
          "Nearest items to the session's items (never those items); popular items if none is known.",
        access: 'read',
        body: { schema: session, example: { itemIds: ['item-5', 'item-9'], limit: 5 } },
        responses: {
          200: jsonAnswer('the recommendations, best first', sessionRecommendationsSchema),
        },
        errors: [503],
      }),
    },
    '/items/{itemId}/similar': {
      get: operation({
        operationId: 'similarItems',
        tag: 'recommendations',
        summary: 'Items similar to an item',
        access: 'read',
        path: itemPath,
        query,
        responses: { 200: jsonAnswer('the nearest items, best first', similarItemsSchema) },
        errors: [404, 503],
      }),
    },
  };
};
