import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';
import { CandidateQueue } from './candidate-queue';
import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { HnswGraph } from './hnsw-graph';
import { insertNode } from './hnsw-insert';
import type { GraphSearchContext } from './hnsw-search-layer';
import { HnswVectorIndex } from './hnsw-vector-index';
import { KernelMemory } from './kernel-memory';
import { searchMapping } from './l2-space';
import type { VectorTable } from './metric-score';
import { storeRows } from './store-rows';
import { VisitedSet } from './visited-set';

export interface HnswBuildOptions {
  /** Seeds the level draws: the same seed and rows give the same graph. */
  seed: number;
  /** M: links per node on upper levels; level 0 keeps 2·M. Default 16. */
  links?: number;
  /** Beam width while inserting; default 40 (build time grows with it; recall is bought back at query time). */
  efConstruction?: number;
  /** Beam width at query time; default 96. */
  efSearch?: number;
}

/** Builds an HNSW index over `table` as a step generator that yields every few milliseconds of work. */
export function* buildHnswIndexSteps(
  table: VectorTable,
  options: HnswBuildOptions,
): BuildSteps<HnswVectorIndex> {
  const size = Math.floor(table.vectors.length / table.dim);
  const mapping = searchMapping(table);
  const memory = KernelMemory.create(mapping.dim, [size]);
  const block = memory.block(0);
  yield* storeRows(memory, block, mapping);
  const links = options.links ?? 16;
  const graph = HnswGraph.empty(drawLevels(size, links, createSeededRandom(options.seed)), links);
  const context: GraphSearchContext = {
    graph,
    memory,
    block,
    squaredNorms: memory.norms(block),
    visited: new VisitedSet(size),
    candidates: new CandidateQueue(),
    results: null,
    distanceCount: 0,
  };
  const efConstruction = options.efConstruction ?? 40;
  const distancesPerSlice = WORK_PER_SLICE / memory.stride;
  yield;
  for (let node = 0; node < size; node++) {
    insertNode(context, node, efConstruction);
    if (context.distanceCount >= distancesPerSlice) {
      context.distanceCount = 0;
      yield;
    }
  }
  return new HnswVectorIndex(table, {
    memory: memory.memory,
    layout: memory.layout,
    graph: graph.parts,
    efSearch: options.efSearch ?? 96,
  });
}

/** Each node's top level: geometric with ratio 1/links (a node is on level l with chance links^−l). */
function drawLevels(size: number, links: number, random: RandomSource): Uint8Array {
  const scale = 1 / Math.log(links);
  return Uint8Array.from({ length: size }, () =>
    Math.min(Math.floor(-Math.log(1 - random()) * scale), 16),
  );
}
