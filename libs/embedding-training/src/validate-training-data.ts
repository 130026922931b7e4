import { DomainError } from '@recsys/domain';
import type { TrainingData } from './training-data';

/** Throws INVALID_TRAINING_DATA when arrays disagree in length or an index is out of range. */
export function validateTrainingData(data: TrainingData): void {
  const problems: string[] = [];
  const { userCount, itemCount, positives, explicitTriplets } = data;
  if (!(Number.isInteger(userCount) && userCount >= 1)) problems.push(`userCount=${userCount}`);
  if (!(Number.isInteger(itemCount) && itemCount >= 2))
    problems.push(`itemCount=${itemCount} (>= 2)`);
  const pairs = positives.users.length;
  if (positives.items.length !== pairs || positives.weights.length !== pairs) {
    problems.push('positives.users, items and weights differ in length');
  }
  const triplets = explicitTriplets.users.length;
  if (
    explicitTriplets.positives.length !== triplets ||
    explicitTriplets.negatives.length !== triplets
  ) {
    problems.push('explicitTriplets.users, positives and negatives differ in length');
  }
  if (pairs + triplets === 0) problems.push('no positives and no explicit triplets');
  problems.push(
    ...outOfRange('positives.users', positives.users, userCount),
    ...outOfRange('positives.items', positives.items, itemCount),
    ...outOfRange('explicitTriplets.users', explicitTriplets.users, userCount),
    ...outOfRange('explicitTriplets.positives', explicitTriplets.positives, itemCount),
    ...outOfRange('explicitTriplets.negatives', explicitTriplets.negatives, itemCount),
  );
  if (positives.weights.some((weight) => !(weight >= 0 && Number.isFinite(weight)))) {
    problems.push('positives.weights must be finite and >= 0');
  }
  if (problems.length > 0) {
    throw new DomainError('INVALID_TRAINING_DATA', `Bad training data: ${problems.join('; ')}`, {
      problems,
    });
  }
}

function outOfRange(name: string, indices: Int32Array, count: number): string[] {
  const bad = indices.findIndex((index) => index < 0 || index >= count);
  return bad < 0 ? [] : [`${name}[${bad}]=${indices[bad]} is outside [0, ${count})`];
}
