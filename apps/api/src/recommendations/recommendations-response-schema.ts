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

export const USER_RECOMMENDATIONS_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      userId: { type: 'string' },
      modelVersion: { type: ['string', 'null'] },
      items: RECOMMENDED_ITEMS_SCHEMA,
    },
    required: ['userId', 'modelVersion', 'items'],
  },
} as const;
