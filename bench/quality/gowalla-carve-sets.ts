import { readFileSync } from 'node:fs';
import { type InteractionTable, parseLightGcn } from '@recsys/datasets';
import { buildUserItemSets, type RowSplit, type UserItemSets } from '@recsys/ranking-metrics';
import { findDatasetFile } from './datasets-dir';
import { splitGowalla } from './gowalla-split';

/** Gowalla's train.txt and the bench's 20% carve of it as each user's train and held-out item sets. */
export interface GowallaCarveSets {
  table: InteractionTable;
  split: RowSplit;
  train: UserItemSets;
  test: UserItemSets;
}

/**
 * Loads the carve the served-model scripts score a cached model on: the one `bench:quality -- gowalla`
 * and `export-sweep.ts gowalla` train on (split seed 42), so their caches line up with it.
 */
export function loadGowallaCarveSets(): GowallaCarveSets {
  const file = findDatasetFile('gowalla-lightgcn/train.txt');
  if (!file) throw new Error('gowalla-lightgcn/train.txt not found (set RECSYS_DATASETS_DIR)');
  const table = parseLightGcn(readFileSync(file, 'utf8'));
  const split = splitGowalla(table, 42, 'carve20');
  const pairs = { userCount: table.userIds.length, users: table.users, items: table.items };
  return {
    table,
    split,
    train: buildUserItemSets(pairs, split.trainRows),
    test: buildUserItemSets(pairs, split.testRows),
  };
}
