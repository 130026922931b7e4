import { z } from 'zod';
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { securityFor } from '../access/access.openapi';
import type { AccessLevel } from '../access/access-level.decorator';
import type { ApiSettings } from '../api-settings';
import {
  countedRequestHeaders,
  errorResponses,
  type ErrorStatus,
} from '../http/error-responses.openapi';

/**
 * The paths one feature adds to the document (`<feature>/<feature>.openapi.ts`), from the settings its
 * request schemas are built with. A new feature writes one and lists it in FEATURE_PATHS (api-document.ts).
 */
export type FeaturePaths = (settings: ApiSettings) => ZodOpenApiPathsObject;

/** What an operation takes and answers on success; its error answers follow from it (see `operation`). */
export interface OperationSpec {
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: AccessLevel;
  path?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required?: boolean; example?: unknown };
  responses: Record<number, ZodOpenApiResponseObject>;
  /** Error statuses of this operation's own rules (404, 409, 503 ...), besides the ones derived. */
  errors?: ErrorStatus[];
}

/**
 * An operation with the error answers it can give: 400 and 414 for path parameters (the id rule), 400
 * for a query, 400/413/415 for a body, 401/429 (and 403 for write) for a key, 500 always.
 */
export function operation(spec: OperationSpec): ZodOpenApiOperationObject {
  const errors = new Set<ErrorStatus>([...(spec.errors ?? []), 500]);
  if (spec.path) [400, 414].forEach((s) => errors.add(s as ErrorStatus));
  if (spec.query) errors.add(400);
  if (spec.body) [400, 413, 415].forEach((s) => errors.add(s as ErrorStatus));
  if (spec.access !== 'public') [401, 429].forEach((s) => errors.add(s as ErrorStatus));
  if (spec.access === 'write') errors.add(403);
  const sorted = [...errors].sort((a, b) => a - b);
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: securityFor(spec.access),
    ...(spec.path || spec.query
      ? { requestParams: { ...(spec.path ? { path: spec.path } : {}), ...(spec.query ? { query: spec.query } : {}) } } // prettier-ignore
      : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required ?? true,
            content: { 'application/json': { schema: spec.body.schema, example: spec.body.example } }, // prettier-ignore
          },
        }
      : {}),
    responses: { ...successes(spec), ...errorResponses(sorted) },
  };
}

// Answers to a request counted against a key carry its RateLimit headers.
function successes(spec: OperationSpec): ZodOpenApiResponsesObject {
  if (spec.access === 'public') return spec.responses;
  return Object.fromEntries(
    Object.entries(spec.responses).map(([status, response]) => [
      status,
      { headers: countedRequestHeaders, ...response },
    ]),
  );
}

/** A JSON answer with its schema and an example. */
export function jsonAnswer(
  description: string,
  schema: z.ZodType,
  example?: unknown,
): ZodOpenApiResponseObject {
  return {
    description,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  };
}

/** A non-JSON answer (an HTML page, Prometheus text), declared by its content type, e.g. `text/html`. */
export function contentAnswer(description: string, mediaType: string): ZodOpenApiResponseObject {
  return { description, content: { [mediaType]: { schema: z.string() } } };
}
