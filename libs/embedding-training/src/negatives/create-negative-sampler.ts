import { UserItemSet } from '../data/user-item-set';
import type { RowGeometry } from '../geometry/row-geometry';
import { AliasTable } from '../random/alias-table';
import { SeededRandom } from '../random/seeded-random';
import type { TrainingData } from '../training-data';
import type { TrainOptions } from '../train-options';
import type { TableMemory } from '../geometry/table-memory';
import { createHardCandidateSource } from './create-hard-candidate-source';
import { NegativeSampler } from './negative-sampler';

/** Builds a thread's sampler: its own random stream, the explicit negatives and, if asked, popularity. */
export function createNegativeSampler(setup: {
  data: TrainingData;
  options: TrainOptions;
  positives: UserItemSet;
  /** A geometry instance of the sampler's own, for hard negatives. */
  geometry: RowGeometry;
  seed: number;
  /** The tables, when they live in the shared WebAssembly memory: hard picks can then use a block. */
  tables?: { users: Float32Array; items: Float32Array; memory: TableMemory | null };
}): NegativeSampler {
  const { data, options } = setup;
  const random = new SeededRandom(setup.seed);
  return new NegativeSampler({
    random,
    itemCount: data.itemCount,
    dim: options.dim,
    positives: setup.positives,
    explicitNegatives: UserItemSet.fromPairs({
      users: data.explicitTriplets.users,
      items: data.explicitTriplets.negatives,
      userCount: data.userCount,
    }),
    popularity: (options.negativeMix.popularity ?? 0) > 0 ? popularityTable(data, options) : null,
    geometry: setup.geometry,
    negativesPerPositive: options.negativesPerPositive,
    candidates: options.hardNegativeCandidates,
    candidateReuse: options.hardCandidateReuse,
    mix: options.negativeMix,
    warmupEpochs: options.hardNegativeWarmupEpochs,
    block: createHardCandidateSource({ ...setup, itemCount: data.itemCount, random }),
    selection: options.hardNegativeSelection,
  });
}

function popularityTable(data: TrainingData, options: TrainOptions): AliasTable {
  const counts = new Float64Array(data.itemCount);
  for (const item of data.positives.items) counts[item]++;
  // +1 keeps never-liked items drawable.
  return new AliasTable(counts.map((count) => Math.pow(count + 1, options.popularityExponent)));
}
