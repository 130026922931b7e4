import { z } from 'zod';
import { EVENT_LIMITS } from '@recsys/interaction-events';
import type { RecommendationFilters } from '@recsys/recommendations';
import type { ApiSettings } from '../api-settings';
import { parseInput } from '../http/parse-input';

const itemId = z.string().min(1).max(EVENT_LIMITS.maxIdLength);
const MAX_LISTED_ITEMS = 500;

function paging(settings: ApiSettings) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(settings.recommendMaxLimit)
      .default(settings.recommendDefaultLimit),
    offset: z.coerce.number().int().min(0).max(settings.recommendMaxOffset).default(0),
    category: z.string().min(1).max(EVENT_LIMITS.maxIdLength).optional(),
  };
}

// ?exclude=a,b or ?exclude=a&exclude=b
const excludeParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined
      ? []
      : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean),
  )
  .pipe(z.array(itemId).max(MAX_LISTED_ITEMS));

const booleanParam = z.enum(['true', 'false']).optional();

/** Query of `GET /recommend/:userId` and `GET /items/:itemId/similar`, checked and bounded. */
export function parseRecommendQuery(query: unknown, settings: ApiSettings): RecommendationFilters {
  // Most storefront calls carry no query at all: their filters are the defaults, built once.
  if (isEmptyObject(query)) return defaultFiltersFor(settings);
  return filtersFrom(query, settings);
}

function filtersFrom(query: unknown, settings: ApiSettings): RecommendationFilters {
  const parsed = parseInput(schemasFor(settings).query, query ?? {}, 'query');
  return {
    limit: parsed.limit,
    offset: parsed.offset,
    category: parsed.category,
    excludeItemIds: new Set(parsed.exclude),
    excludeSeen: parsed.excludeSeen !== 'false',
  };
}

/** Body of `POST /recommend`: an anonymous session's items and the same options as the query above. */
export function parseSessionRequest(
  body: unknown,
  settings: ApiSettings,
): { itemIds: string[]; filters: RecommendationFilters } {
  const parsed = parseInput(schemasFor(settings).session, body ?? {}, 'request body');
  return {
    itemIds: parsed.itemIds,
    filters: {
      limit: parsed.limit,
      offset: parsed.offset,
      category: parsed.category,
      excludeItemIds: new Set(parsed.exclude),
      excludeSeen: true,
    },
  };
}

function isEmptyObject(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object') return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

const defaultFilters = new WeakMap<ApiSettings, RecommendationFilters>();

function defaultFiltersFor(settings: ApiSettings): RecommendationFilters {
  let filters = defaultFilters.get(settings);
  if (!filters) {
    filters = Object.freeze(filtersFrom({}, settings));
    defaultFilters.set(settings, filters);
  }
  return filters;
}

function buildSchemas(settings: ApiSettings) {
  return {
    query: z.strictObject({
      ...paging(settings),
      exclude: excludeParam,
      excludeSeen: booleanParam,
    }),
    session: z.strictObject({
      ...paging(settings),
      itemIds: z.array(itemId).min(1).max(MAX_LISTED_ITEMS),
      exclude: z.array(itemId).max(MAX_LISTED_ITEMS).default([]),
    }),
  };
}

// Built once per settings object: building zod schemas per request cost ~15% of the api's CPU.
const schemaCache = new WeakMap<ApiSettings, ReturnType<typeof buildSchemas>>();

/** The query and session-body schemas for `settings`: they parse requests and describe them (OpenAPI). */
export function schemasFor(settings: ApiSettings): ReturnType<typeof buildSchemas> {
  let schemas = schemaCache.get(settings);
  if (!schemas) schemaCache.set(settings, (schemas = buildSchemas(settings)));
  return schemas;
}
