import { createSeededRandom, type RandomSource } from '@recsys/synthetic-data';
import { CandidateQueue } from './candidate-queue';
import { WORK_PER_SLICE, type BuildSteps } from './build-steps';
import { squaredRowNorms } from './dot-product';
import { HnswGraph } from './hnsw-graph';
import { insertNode } from './hnsw-insert';
import type { GraphSearchContext } from './hnsw-search-layer';
import { HnswVectorIndex } from './hnsw-vector-index';
import { toL2Space, type L2Space } from './l2-space';
import type { VectorTable } from './metric-score';
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
  const space = graphSpace(table);
  const size = Math.floor(space.vectors.length / space.dim);
  const links = options.links ?? 16;
  const efConstruction = options.efConstruction ?? 40;
  const graph = new HnswGraph(
    drawLevels(size, links, createSeededRandom(options.seed)),
    links,
    2 * links,
  );
  const context: GraphSearchContext = {
    graph,
    vectors: space.vectors,
    squaredNorms: space.squaredNorms,
    dim: space.dim,
    visited: new VisitedSet(size),
    candidates: new CandidateQueue(),
    distanceCount: 0,
  };
  const distancesPerSlice = WORK_PER_SLICE / space.dim;
  yield; // after the setup passes over all rows
  for (let node = 0; node < size; node++) {
    insertNode(context, node, efConstruction);
    if (context.distanceCount >= distancesPerSlice) {
      context.distanceCount = 0;
      yield;
    }
  }
  const { vectors, squaredNorms, dim } = context;
  return new HnswVectorIndex(
    table,
    { graph, vectors, squaredNorms, dim, mapQuery: space.mapQuery },
    { efSearch: options.efSearch ?? 96 },
  );
}

/**
 * The space the graph lives in. neg-l2 and cosine: Euclidean (cosine on normalised rows). dot: the graph
 * uses −2·q·x as its distance (squared norms set to 0). That is not a metric, but walking a graph by inner
 * product finds the maximum inner product far better than the Euclidean reduction (Morozov & Babenko,
 * NeurIPS 2018); measured here: Recall@10 0.998 against 0.963 at the same beam.
 */
function graphSpace(table: VectorTable): L2Space & { squaredNorms: Float32Array } {
  if (table.metric === 'dot') {
    const size = Math.floor(table.vectors.length / table.dim);
    const mapQuery = (query: Float32Array) => query;
    return {
      vectors: table.vectors,
      dim: table.dim,
      mapQuery,
      squaredNorms: new Float32Array(size),
    };
  }
  const space = toL2Space(table.vectors, table.dim, table.metric);
  return { ...space, squaredNorms: squaredRowNorms(space.vectors, space.dim) };
}

/** Each node's top level: geometric with ratio 1/links (a node is on level l with chance links^−l). */
function drawLevels(size: number, links: number, random: RandomSource): Uint8Array {
  const scale = 1 / Math.log(links);
  return Uint8Array.from({ length: size }, () =>
    Math.min(Math.floor(-Math.log(1 - random()) * scale), 16),
  );
}
