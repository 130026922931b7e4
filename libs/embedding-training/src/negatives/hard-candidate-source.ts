import type { TrainOptions } from '../train-options';

/**
 * Where a hard pick's W candidates are scored when not as W fresh rows of the table: the candidate block
 * (copies of uniform rows, a slice of W per pick) or the candidate mirror (an int8 copy of every item row,
 * W random ids per pick). Both keep the candidates' distribution that of W uniform draws.
 */
export interface HardCandidateSource {
  /**
   * The closest of W uniform candidates (hardest), or for semi-hard the closest one still farther than
   * `positive` (else the least close one); never an item the user likes; -1 when every candidate is liked.
   */
  pick(user: number, positive: number, hardest: boolean): number;
  /**
   * The `count` closest distinct items of one set of W candidates that the user does not like, closest
   * first, written to `into`; returns how many.
   */
  pickClosest(user: number, positive: number, count: number, into: Int32Array): number;
  /** Forgets the current user (a new epoch's order may start with the same one). */
  resetUser(): void;
}

/**
 * True when hard picks may score copies (a hardest or semi-hard source and no candidate pool); which
 * copies is `hardCandidateSource` ('block' or 'mirror'; 'fresh' scores the table's rows).
 */
export function picksScoreCopies(
  options: Pick<TrainOptions, 'negativeMix' | 'hardCandidateReuse'>,
): boolean {
  const hard =
    (options.negativeMix.hardest ?? 0) > 0 || (options.negativeMix['semi-hard'] ?? 0) > 0;
  return hard && options.hardCandidateReuse === 1;
}
