import { z } from 'zod';
import { idSchema } from '@recsys/input-rules';
import { itemBodySchema } from '../http/item-body-schema';
import { jsonAnswer, operation, type FeaturePaths } from '../openapi/operation';

const catalogueItemSchema = z
  .object({
    itemId: z.string(),
    category: z.string().nullable(),
    available: z.boolean(),
    properties: z.record(z.string(), z.unknown()),
    revision: z.int().meta({ description: 'change number across the whole catalogue' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
    deleted: z.boolean(),
  })
  .meta({
    id: 'CatalogueItem',
    example: {
      itemId: 'item-5',
      category: 'shoes',
      available: true,
      properties: { title: 'Trail runner', price: 89.9 },
      revision: 12,
      updatedAt: '2026-12-01T12:00:00.000Z',
      deleted: false,
    },
  });

const itemPath = z.object({ itemId: idSchema('itemId').meta({ example: 'item-5' }) });

/** `PUT`, `DELETE` and `GET /items/{itemId}`: the storefront's catalogue. */
export const itemsPaths: FeaturePaths = () => ({
  '/items/{itemId}': {
    put: operation({
      operationId: 'putItem',
      tag: 'catalogue',
      summary: 'Create or replace an item',
      description: 'Unavailable and deleted items are never recommended.',
      access: 'write',
      path: itemPath,
      body: { schema: itemBodySchema, example: { category: 'shoes', available: true, properties: { title: 'Trail runner' } } }, // prettier-ignore
      responses: { 200: jsonAnswer('the stored item', catalogueItemSchema) },
      errors: [503],
    }),
    delete: operation({
      operationId: 'deleteItem',
      tag: 'catalogue',
      summary: 'Delete an item (it stops being recommended everywhere)',
      description: 'An item the catalogue never had is deleted too: 204 either way.',
      access: 'write',
      path: itemPath,
      responses: { 204: { description: 'deleted' } },
      errors: [503],
    }),
    get: operation({
      operationId: 'getItem',
      tag: 'catalogue',
      summary: 'An item of the catalogue',
      access: 'read',
      path: itemPath,
      responses: { 200: jsonAnswer('the item', catalogueItemSchema) },
      errors: [404, 503],
    }),
  },
});
