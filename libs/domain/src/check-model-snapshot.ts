import { DomainError } from './domain-error';
import type { ModelSnapshot } from './ports/embedding-store';

/**
 * Throws INVALID_MODEL unless the snapshot's arrays agree with its metadata and its ids have no newline
 * (ids are stored newline-separated). Both model stores apply it, so embedded and production accept the same.
 */
export function checkModelSnapshot(model: ModelSnapshot): void {
  const { version, dim, itemCount, userCount } = model.metadata;
  if (typeof version !== 'string' || version.length === 0) {
    invalid('metadata.version must be a non-empty string', { version });
  }
  if (!Number.isInteger(dim) || dim <= 0)
    invalid('metadata.dim must be a positive integer', { dim });
  checkIds('itemIds', model.itemIds, itemCount);
  checkIds('userIds', model.userIds, userCount);
  checkTable('itemVectors', model.itemVectors, itemCount * dim);
  checkTable('userVectors', model.userVectors, userCount * dim);
  for (const [field, values] of [
    ['seenItems.offsets', model.seenItems.offsets],
    ['seenItems.items', model.seenItems.items],
    ['popularItems', model.popularItems],
  ] as const) {
    if (!(values instanceof Int32Array)) invalid(`${field} must be an Int32Array`, { field });
  }
}

function checkIds(field: string, ids: readonly string[], expectedCount: number): void {
  if (ids.length !== expectedCount) {
    invalid(`${field} has ${ids.length} ids, metadata says ${expectedCount}`, { field });
  }
  const bad = ids.findIndex((id) => typeof id !== 'string' || id.includes('\n'));
  if (bad >= 0)
    invalid(`${field}[${bad}] must be a string without a newline`, { field, index: bad });
}

function checkTable(field: string, values: Float32Array, expectedLength: number): void {
  if (!(values instanceof Float32Array) || values.length !== expectedLength) {
    invalid(`${field} must be a Float32Array of count x dim = ${expectedLength} values`, { field });
  }
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new DomainError('INVALID_MODEL', message, details);
}
