import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';

export interface ClusteredVectorOptions {
  rows: number;
  dim: number;
  clusterCount: number;
  /** Standard deviation of a row around its cluster centre (centres are standard normal). */
  spread: number;
  seed: number;
}

/**
 * Seeded synthetic embeddings ([rows, dim]): rows scattered around random cluster centres, as items of one
 * taste sit near each other. For benchmarks and recall tests of approximate indexes.
 */
export function clusteredVectors(options: ClusteredVectorOptions): Float32Array {
  const { rows, dim, clusterCount, spread } = options;
  const random = createSeededRandom(options.seed);
  const centres = Float32Array.from({ length: clusterCount * dim }, () => standardNormal(random));
  const vectors = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row++) {
    const centre = Math.floor(random() * clusterCount) * dim;
    for (let d = 0; d < dim; d++) {
      vectors[row * dim + d] = centres[centre + d] + spread * standardNormal(random);
    }
  }
  return vectors;
}

/** A standard normal draw (Box-Muller). */
function standardNormal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
