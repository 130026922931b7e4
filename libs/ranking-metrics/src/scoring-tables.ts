import { DomainError } from '@recsys/domain';
import { EmbeddingModel } from './embedding-model';

/** Items per transposed group: the SIMD kernel scores 8 items (two f32x4 lanes) per step. */
export const ITEM_GROUP = 8;

/**
 * Item and user tables rewritten so that every metric ranks by `scale * (u · i) + bias[i]`:
 * neg-l2 ranks by 2 u·i − ||i||² (same order as −||u − i||), cosine by the dot of unit vectors.
 * Items are padded to a multiple of 8 (padding has bias −Infinity) and stored in transposed groups
 * `itemGroups[g][k][l]` = coordinate k of item 8g + l, the layout the SIMD kernel reads.
 */
export interface ScoringTables {
  dim: number;
  itemCount: number;
  paddedItemCount: number;
  scale: number;
  /** [paddedItemCount / 8, dim, 8] */
  itemGroups: Float32Array;
  /** [paddedItemCount] */
  itemBias: Float32Array;
  /** [userCount, dim], unit rows for cosine. */
  userVectors: Float32Array;
}

/** Builds the scoring tables of a model (copies; `shared` allocates item tables in a SharedArrayBuffer). */
export function buildScoringTables(model: EmbeddingModel, shared = false): ScoringTables {
  const { dim, metric } = model;
  if (!(dim > 0) || model.itemVectors.length % dim !== 0 || model.userVectors.length % dim !== 0) {
    throw new DomainError('INVALID_MODEL', `vector tables are not multiples of dim ${dim}`);
  }
  if (metric !== 'neg-l2' && metric !== 'dot' && metric !== 'cosine') {
    throw new DomainError('INVALID_MODEL', `unknown metric ${String(metric)}`);
  }
  const itemCount = model.itemVectors.length / dim;
  const paddedItemCount = Math.ceil(itemCount / ITEM_GROUP) * ITEM_GROUP;
  const items = Float32Array.from(model.itemVectors);
  const userVectors = Float32Array.from(model.userVectors);
  if (metric === 'cosine') {
    normalizeRows(items, dim);
    normalizeRows(userVectors, dim);
  }
  const itemBias = allocate(paddedItemCount, shared);
  itemBias.fill(-Infinity, itemCount);
  if (metric === 'neg-l2') {
    for (let i = 0; i < itemCount; i++) itemBias[i] = -squaredNorm(items, i * dim, dim);
  }
  const itemGroups = allocate(paddedItemCount * dim, shared);
  transposeIntoGroups(items, dim, itemGroups);
  const scale = metric === 'neg-l2' ? 2 : 1;
  return { dim, itemCount, paddedItemCount, scale, itemGroups, itemBias, userVectors };
}

function transposeIntoGroups(items: Float32Array, dim: number, groups: Float32Array): void {
  const itemCount = items.length / dim;
  for (let i = 0; i < itemCount; i++) {
    const base = Math.floor(i / ITEM_GROUP) * dim * ITEM_GROUP + (i % ITEM_GROUP);
    for (let k = 0; k < dim; k++) groups[base + k * ITEM_GROUP] = items[i * dim + k];
  }
}

function allocate(length: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
}

function squaredNorm(table: Float32Array, offset: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k++) sum += table[offset + k] * table[offset + k];
  return sum;
}

function normalizeRows(table: Float32Array, dim: number): void {
  for (let r = 0; r < table.length / dim; r++) {
    const norm = Math.sqrt(squaredNorm(table, r * dim, dim));
    if (norm === 0) continue;
    for (let k = 0; k < dim; k++) table[r * dim + k] /= norm;
  }
}
