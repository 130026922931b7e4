import { z } from 'zod';
import { idSchema, jsonTextProblems } from '@recsys/input-rules';

// Properties are free-form JSON for the storefront: bounded so that a hostile body cannot make PostgreSQL
// (or the stack of a JSON walk) fail, generous for real product data.
const PROPERTY_LIMITS = { maxDepth: 16, maxErrors: 20 };

/**
 * The body of `PUT /items/:itemId`: category an id (idProblem), properties a JSON object whose keys are
 * ids and whose strings are valid text (jsonTextProblems), unknown fields rejected.
 */
export const itemBodySchema = z.strictObject({
  category: idSchema('category').nullable().default(null),
  available: z.boolean({ error: 'available must be true or false' }).default(true),
  properties: z
    .record(z.string(), z.unknown(), { error: 'properties must be a JSON object' })
    .superRefine((properties, context) => {
      for (const error of jsonTextProblems(properties, [], PROPERTY_LIMITS)) {
        const field = error.field === '' ? 'properties' : `properties.${error.field}`;
        const path = error.field === '' ? [] : [error.field];
        context.addIssue({ code: 'custom', path, message: `${field} ${error.message}` });
      }
    })
    .default({}),
});
