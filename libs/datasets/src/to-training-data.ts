import type { TrainingData } from '@recsys/embedding-training';
import { InteractionTable } from './interaction-table';

/** How interactions become training pairs and triplets. */
export interface TrainingDataOptions {
  /** Rows to use (e.g. the train side of a split); default all. */
  rows?: Int32Array;
  /** Weight of neutral rows (e.g. a rating of 3) as positives; 0 leaves them out. */
  neutralWeight?: number;
  /**
   * Weight of unliked rows as positives: for protocols where any interaction is relevant (MovieLens:
   * "every rated item"). 0 (default) keeps them as the explicit negatives of triplets instead.
   */
  unlikedWeight?: number;
  /** Seeds which unliked item each explicit triplet uses. */
  seed?: number;
}

/**
 * Builds the engine's TrainingData: one positive per (user, item) with the strongest weight seen
 * (liked rows, plus neutral rows at `neutralWeight`), and for every user with unliked items one explicit
 * triplet per liked item, paired with one of that user's unliked items (chosen with a seeded draw).
 * An item both liked and unliked by a user counts as liked; with `unlikedWeight` > 0 unliked rows are
 * positives and no explicit triplets are made.
 */
export function toTrainingData(
  table: InteractionTable,
  options: TrainingDataOptions = {},
): TrainingData {
  const itemCount = table.itemIds.length;
  const positive = new Map<number, number>();
  const unliked = new Map<number, number[]>();
  const weightOf = [options.unlikedWeight ?? 0, options.neutralWeight ?? 0];
  forEachRow(table, options.rows, (row) => {
    const signal = table.signals[row];
    const weight = signal === 1 ? table.weights[row] : weightOf[signal + 1];
    const key = table.users[row] * itemCount + table.items[row];
    if (weight > 0) positive.set(key, Math.max(weight, positive.get(key) ?? 0));
    else if (signal === -1) pushTo(unliked, table.users[row], table.items[row]);
  });
  const keys = Float64Array.from(positive.keys()).sort();
  const users = Int32Array.from(keys, (key) => Math.floor(key / itemCount));
  const items = Int32Array.from(keys, (key) => key % itemCount);
  const weights = Float32Array.from(keys, (key) => positive.get(key) ?? 0);
  const liked = (user: number, item: number): boolean => positive.has(user * itemCount + item);
  return {
    userCount: table.userIds.length,
    itemCount,
    positives: { users, items, weights },
    explicitTriplets: pairWithUnliked({ users, items, unliked, liked, seed: options.seed ?? 1 }),
  };
}

interface PairingInput {
  users: Int32Array;
  items: Int32Array;
  unliked: Map<number, number[]>;
  liked: (user: number, item: number) => boolean;
  seed: number;
}

function pairWithUnliked(input: PairingInput): TrainingData['explicitTriplets'] {
  const out = { users: [] as number[], positives: [] as number[], negatives: [] as number[] };
  let state = input.seed >>> 0 || 1;
  let candidates: number[] = [];
  for (let p = 0; p < input.users.length; p++) {
    const user = input.users[p];
    if (p === 0 || user !== input.users[p - 1]) {
      // Positives are sorted by user: build each user's unliked candidates once.
      candidates = (input.unliked.get(user) ?? []).filter((i) => !input.liked(user, i));
    }
    if (candidates.length === 0) continue;
    state = (Math.imul(state, 1103515245) + 12345) >>> 0; // LCG: a cheap, seeded pick
    out.users.push(user);
    out.positives.push(input.items[p]);
    out.negatives.push(candidates[(state >>> 8) % candidates.length]);
  }
  return {
    users: Int32Array.from(out.users),
    positives: Int32Array.from(out.positives),
    negatives: Int32Array.from(out.negatives),
  };
}

function forEachRow(
  table: InteractionTable,
  rows: Int32Array | undefined,
  visit: (row: number) => void,
): void {
  if (rows) rows.forEach((row) => visit(row));
  else for (let row = 0; row < table.users.length; row++) visit(row);
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else {
    map.set(key, [value]);
  }
}
