import type { CandidateQueue } from './candidate-queue';
import { dotProduct } from './dot-product';
import type { HnswGraph } from './hnsw-graph';
import { TopKHeap } from './top-k-heap';
import type { VisitedSet } from './visited-set';

/** A graph with its (Euclidean-space) vectors and the scratch buffers one search needs. */
export interface GraphSearchContext {
  graph: HnswGraph;
  /** [size, dim] row-major. */
  vectors: Float32Array;
  squaredNorms: Float32Array;
  dim: number;
  visited: VisitedSet;
  candidates: CandidateQueue;
  /** Distances computed so far: the build's measure of work done, to slice it evenly. */
  distanceCount: number;
}

/** A query vector at `offset` of `vector` (a stored row during the build, a request's query otherwise). */
export interface QueryPoint {
  vector: Float32Array;
  offset: number;
  squaredNorm: number;
}

export interface LayerSearch {
  entry: number;
  /** Size of the beam: more explores more and finds more of the true neighbours. */
  ef: number;
  level: number;
  /** Nodes that may be returned; others are still walked through. */
  accept?: (node: number) => boolean;
}

/** Squared Euclidean distance from the query to a stored node. */
export function distanceTo(context: GraphSearchContext, query: QueryPoint, node: number): number {
  const { vectors, squaredNorms, dim } = context;
  context.distanceCount++;
  const dot = dotProduct(query.vector, query.offset, vectors, node * dim, dim);
  return query.squaredNorm + squaredNorms[node] - 2 * dot;
}

/** Walks `level` greedily from `entry` to a node nearer the query than all of its neighbours. */
export function greedyClosest(
  context: GraphSearchContext,
  query: QueryPoint,
  search: { entry: number; level: number },
): number {
  let current = search.entry;
  let currentDistance = distanceTo(context, query, current);
  for (let improved = true; improved;) {
    improved = false;
    const array = context.graph.listArray(current, search.level);
    const offset = context.graph.listOffset(current, search.level);
    for (let i = 1; i <= array[offset]; i++) {
      const distance = distanceTo(context, query, array[offset + i]);
      if (distance < currentDistance) {
        currentDistance = distance;
        current = array[offset + i];
        improved = true;
      }
    }
  }
  return current;
}

/** Best-first beam search of one level: the `ef` nearest accepted nodes found, scored −distance. */
export function searchLayer(
  context: GraphSearchContext,
  query: QueryPoint,
  search: LayerSearch,
): TopKHeap {
  const { graph, visited, candidates } = context;
  const { accept, level } = search;
  const results = new TopKHeap(search.ef);
  visited.clear();
  candidates.clear();
  visited.add(search.entry);
  const entryDistance = distanceTo(context, query, search.entry);
  candidates.push(search.entry, entryDistance);
  if (!accept || accept(search.entry)) results.push(search.entry, -entryDistance);
  // `bound`: distance of the worst kept result, Infinity until the beam is full.
  let bound = -results.threshold;
  while (candidates.length > 0 && candidates.nearestDistance <= bound) {
    const node = candidates.pop();
    const array = graph.listArray(node, level);
    const offset = graph.listOffset(node, level);
    for (let i = 1; i <= array[offset]; i++) {
      const neighbour = array[offset + i];
      if (!visited.add(neighbour)) continue;
      const distance = distanceTo(context, query, neighbour);
      if (distance >= bound) continue;
      candidates.push(neighbour, distance);
      if (!accept || accept(neighbour)) {
        results.push(neighbour, -distance);
        bound = -results.threshold;
      }
    }
  }
  return results;
}
