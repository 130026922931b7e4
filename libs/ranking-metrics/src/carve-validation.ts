import type { TrainingData } from '@recsys/embedding-training';
import { splitStratified } from './split-stratified';
import { buildUserItemSets, UserItemSets } from './user-item-sets';

/** Training data split into what the model fits and what early stopping scores it on. */
export interface CarvedValidation {
  fit: TrainingData;
  /** Held-out liked items per user. */
  validation: UserItemSets;
  /** Items each user has in `fit` (positives and explicit negatives): left out of validation rankings. */
  seen: UserItemSets;
}

/**
 * Holds out `fraction` of each user's positives (seeded, stratified per user). Explicit triplets whose
 * liked item is held out are dropped, so nothing about a validation pair leaks into fitting.
 */
export function carveValidation(
  data: TrainingData,
  options: { fraction: number; seed: number },
): CarvedValidation {
  const { positives, userCount } = data;
  const split = splitStratified(
    { users: positives.users, userCount },
    { testRatio: options.fraction, seed: options.seed },
  );
  const held = new Uint8Array(positives.users.length);
  for (const row of split.testRows) held[row] = 1;
  const kept = (_: number, row: number): boolean => held[row] === 0;
  const fit: TrainingData = {
    userCount,
    itemCount: data.itemCount,
    positives: {
      users: positives.users.filter(kept),
      items: positives.items.filter(kept),
      weights: positives.weights.filter(kept),
    },
    explicitTriplets: keepTripletsOf(data, split.testRows),
  };
  const pairs = { userCount, users: positives.users, items: positives.items };
  const seenPairs = {
    userCount,
    users: concat(fit.positives.users, fit.explicitTriplets.users),
    items: concat(fit.positives.items, fit.explicitTriplets.negatives),
  };
  return {
    fit,
    validation: buildUserItemSets(pairs, split.testRows),
    seen: buildUserItemSets(seenPairs),
  };
}

/** Drops the explicit triplets whose (user, liked item) pair is one of the held-out rows. */
function keepTripletsOf(
  data: TrainingData,
  heldRows: Int32Array,
): TrainingData['explicitTriplets'] {
  const { positives, explicitTriplets: triplets, itemCount } = data;
  const held = new Set<number>();
  for (const row of heldRows) held.add(positives.users[row] * itemCount + positives.items[row]);
  const keep = (_: number, t: number): boolean =>
    !held.has(triplets.users[t] * itemCount + triplets.positives[t]);
  return {
    users: triplets.users.filter(keep),
    positives: triplets.positives.filter(keep),
    negatives: triplets.negatives.filter(keep),
  };
}

function concat(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
