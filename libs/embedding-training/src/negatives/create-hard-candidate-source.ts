import type { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import type { TableMemory } from '../geometry/table-memory';
import type { SeededRandom } from '../random/seeded-random';
import type { TrainOptions } from '../train-options';
import {
  CandidateBlock,
  candidateBlockBytes,
  usesCandidateBlock,
  type CandidateBlockOptions,
} from './candidate-block';
import { CandidateMirror, candidateMirrorBytes } from './candidate-mirror';
import { picksScoreCopies, type HardCandidateSource } from './hard-candidate-source';

/** True when hard picks score an int8 mirror of the item table (a hard source, 'mirror', no pool reuse). */
export function usesCandidateMirror(
  options: Omit<CandidateBlockOptions, 'dim' | 'threads'>,
): boolean {
  return picksScoreCopies(options) && options.hardCandidateSource === 'mirror';
}

/** Table-memory scratch the block or mirror of every thread needs (0 when picks score fresh rows). */
export function hardCandidateSourceBytes(
  options: CandidateBlockOptions,
  itemCount: number,
): number {
  if (usesCandidateMirror(options)) {
    return (
      options.threads * candidateMirrorBytes(itemCount, options.dim, options.hardNegativeCandidates)
    );
  }
  return candidateBlockBytes(options);
}

/**
 * The thread's candidate block or mirror when the options ask for one and the tables are in the shared
 * memory with room left in its arena; else null (hard picks then score fresh rows).
 */
export function createHardCandidateSource(setup: {
  itemCount: number;
  options: TrainOptions;
  positives: UserItemSet;
  geometry: RowGeometry;
  random: SeededRandom;
  tables?: { users: Float32Array; items: Float32Array; memory: TableMemory | null };
}): HardCandidateSource | null {
  const { options, tables, geometry } = setup;
  if (!tables?.memory) return null;
  const each = options.hardNegativeSelection === 'each';
  const parts = {
    random: setup.random,
    itemCount: setup.itemCount,
    dim: options.dim,
    candidates: options.hardNegativeCandidates,
    positives: setup.positives,
    kind: geometry.kind,
    memory: tables.memory,
    users: tables.users,
    items: tables.items,
    // Train-time aggregation: picks are hardest for the mix the loss scores, not the raw user row.
    anchorAddress: geometry.anchorAddress?.bind(geometry),
    picksPerPair: each ? 1 : options.negativesPerPositive,
  };
  const setsPerPair = each ? options.negativesPerPositive : 1;
  if (usesCandidateMirror(options)) return CandidateMirror.create({ ...parts, setsPerPair });
  if (usesCandidateBlock(options)) {
    return CandidateBlock.create({ ...parts, slicesPerPair: setsPerPair });
  }
  return null;
}
