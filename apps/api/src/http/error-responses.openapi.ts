import { z } from 'zod';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { RETRY_AFTER_SECONDS } from './error-statuses';

const fieldErrorSchema = z
  .object({
    field: z
      .string()
      .meta({ description: 'path of the bad field (`[2].userId`); empty: the whole input' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

/** The one error shape (ErrorBody in error-body.ts): every 4xx and 5xx answer of the api has it. */
export const errorBodySchema = z
  .object({
    statusCode: z.int().min(400).max(599),
    error: z
      .string()
      .regex(/^[A-Z_]+$/)
      .meta({ description: 'a stable code: INVALID_REQUEST, RATE_LIMITED, ...' }),
    message: z.string().meta({ description: 'what was wrong, for a person' }),
    details: z
      .unknown()
      .optional()
      .meta({ description: 'more, by code: `errors` (400), `dependencies` (NOT_READY)' }),
  })
  .meta({ id: 'ErrorBody' });

const invalidRequestSchema = errorBodySchema
  .extend({
    statusCode: z.literal(400),
    details: z.object({ errors: z.array(fieldErrorSchema) }).optional(),
  })
  .meta({ id: 'InvalidRequestBody' });

const retryAfter = z.int().min(1).meta({ description: 'seconds to wait before trying again' });
const rateLimitHeaders = {
  'ratelimit-limit': z.int().meta({ description: 'requests allowed in the window of this count' }),
  'ratelimit-remaining': z.int().meta({ description: 'requests left in the window' }),
  'ratelimit-reset': z.int().meta({ description: 'seconds until the window ends' }),
};

/** RateLimit headers of an answer to a request counted against an API key (absent when keys are off). */
export const countedRequestHeaders = z.object({
  'ratelimit-limit': rateLimitHeaders['ratelimit-limit'].optional(),
  'ratelimit-remaining': rateLimitHeaders['ratelimit-remaining'].optional(),
  'ratelimit-reset': rateLimitHeaders['ratelimit-reset'].optional(),
});

const example = (statusCode: number, error: string, message: string, details?: unknown) => ({
  statusCode,
  error,
  message,
  ...(details === undefined ? {} : { details }),
});

function errorResponse(
  id: string,
  description: string,
  body: z.ZodType,
  sample: ReturnType<typeof example>,
  headers?: z.ZodObject,
): ZodOpenApiResponseObject {
  return {
    id,
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: body, example: sample } },
  };
}

/** Every error answer by status, registered once under components/responses. */
export const ERROR_RESPONSES = {
  400: errorResponse(
    'BadRequest',
    'INVALID_REQUEST / INVALID_EVENT: a bad id, query, body or JSON; `details.errors` lists every bad field',
    invalidRequestSchema,
    example(400, 'INVALID_REQUEST', 'invalid query', {
      errors: [{ field: 'limit', message: 'Too big: expected number to be <=100' }],
    }),
  ),
  401: errorResponse(
    'Unauthenticated',
    'UNAUTHENTICATED: no API key, or an unknown one',
    errorBodySchema,
    example(401, 'UNAUTHENTICATED', 'an API key is required (header x-api-key)'),
  ),
  403: errorResponse(
    'Forbidden',
    'FORBIDDEN: a read key on an endpoint that needs a write key',
    errorBodySchema,
    example(403, 'FORBIDDEN', 'this API key may only read; this endpoint needs a write key'),
  ),
  404: errorResponse(
    'NotFound',
    'ITEM_NOT_FOUND / JOB_NOT_FOUND / MODEL_NOT_FOUND / NOT_FOUND',
    errorBodySchema,
    example(404, 'ITEM_NOT_FOUND', 'the catalogue has no item item-42'),
  ),
  409: errorResponse(
    'Conflict',
    'the request conflicts with the stored state (e.g. MODEL_VERSION_EXISTS)',
    errorBodySchema,
    example(409, 'MODEL_VERSION_EXISTS', 'Model version v1 is already published'),
  ),
  413: errorResponse(
    'PayloadTooLarge',
    'PAYLOAD_TOO_LARGE: the body exceeds BODY_LIMIT_BYTES; EVENT_TOO_LARGE: the event stream can never take it',
    errorBodySchema,
    example(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'),
  ),
  414: errorResponse(
    'UriTooLong',
    'URI_TOO_LONG: a path parameter longer than any encoded id',
    errorBodySchema,
    example(414, 'URI_TOO_LONG', 'URI Too Long'),
  ),
  415: errorResponse(
    'UnsupportedMediaType',
    'UNSUPPORTED_MEDIA_TYPE: a body that is not `application/json` (or has no content type)',
    errorBodySchema,
    example(415, 'UNSUPPORTED_MEDIA_TYPE', "Unsupported Media Type: 'text/plain'"),
  ),
  429: errorResponse(
    'RateLimited',
    "RATE_LIMITED: above the key's rate, or above the failed authentications of the client address",
    errorBodySchema,
    example(
      429,
      'RATE_LIMITED',
      'rate limit of 200 requests of this API key exceeded; retry in 1 s',
    ),
    z.object({
      'retry-after': retryAfter,
      ...rateLimitHeaders,
    }),
  ),
  500: errorResponse(
    'Internal',
    'INTERNAL: a bug; the answer says nothing of the cause, the server log has it',
    errorBodySchema,
    example(500, 'INTERNAL', 'internal error; see the server log'),
  ),
  503: errorResponse(
    'Unavailable',
    'MODEL_NOT_READY / NOT_READY, or a dependency (database, model store, event stream) is down: retry later',
    errorBodySchema,
    example(
      503,
      'DEPENDENCY_UNAVAILABLE',
      `the database is unavailable; retry after ${RETRY_AFTER_SECONDS} s`,
    ),
    z.object({ 'retry-after': retryAfter }),
  ),
} satisfies Record<number, ZodOpenApiResponseObject>;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** The documented error answers of an operation, by status. */
export function errorResponses(statuses: readonly ErrorStatus[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(statuses.map((status) => [String(status), ERROR_RESPONSES[status]]));
}
