/**
 * JSON schema of a 200 answer with recommended items (`GET /recommend/:userId`, `POST /recommend`,
 * `GET /items/:itemId/similar`). Fastify compiles it into a serializer for the shape (fast-json-stringify),
 * cheaper than JSON.stringify on the hottest route; it also documents the answer. Fields outside it are
 * not sent, so a new field of the answer needs a line here (the e2e tests read every field).
 */
export const RECOMMENDED_ITEMS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      itemId: { type: 'string' },
      score: { type: 'number' },
      source: { type: 'string', enum: ['model', 'realtime', 'popular'] },
    },
    required: ['itemId', 'score', 'source'],
  },
} as const;

/** A 200 answer with `items` and `modelVersion`, plus the named string fields (userId, itemId). */
function recommendationsResponse<K extends string>(...idFields: K[]) {
  return {
    200: {
      type: 'object',
      properties: {
        ...Object.fromEntries(idFields.map((field) => [field, { type: 'string' }])),
        modelVersion: { type: ['string', 'null'] },
        items: RECOMMENDED_ITEMS_SCHEMA,
      },
      required: [...idFields, 'modelVersion', 'items'],
    },
  };
}

export const USER_RECOMMENDATIONS_RESPONSE = recommendationsResponse('userId');
export const SESSION_RECOMMENDATIONS_RESPONSE = recommendationsResponse();
export const SIMILAR_ITEMS_RESPONSE = recommendationsResponse('itemId');
