import type { CandidateQueue } from './candidate-queue';
import type { HnswGraph } from './hnsw-graph';
import type { KernelMemory, RowBlock } from './kernel-memory';
import { TopKHeap } from './top-k-heap';
import type { VisitedSet } from './visited-set';

/** A graph with its stored vectors (in kernel memory) and the scratch buffers one search needs. */
export interface GraphSearchContext {
  graph: HnswGraph;
  memory: KernelMemory;
  /** The graph's rows, in the space the graph was built in. */
  block: RowBlock;
  /** Squared norms of the rows (a view of the block's norms). */
  squaredNorms: Float32Array;
  visited: VisitedSet;
  candidates: CandidateQueue;
  /** The last beam's results, reused by the next search of the same width (saves an allocation). */
  results: TopKHeap | null;
  /** Distances computed so far: the build's measure of work done, to slice it evenly. */
  distanceCount: number;
}

/** A query in kernel memory (a stored row during the build, the scratch query otherwise). */
export interface QueryPoint {
  /** Byte address of the query vector. */
  at: number;
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

/**
 * Squared distances from the query to the `count` nodes written to `context.memory.ids`, in that order
 * (a view that the next kernel call overwrites).
 */
export function distancesToIds(
  context: GraphSearchContext,
  query: QueryPoint,
  count: number,
): Float32Array {
  context.distanceCount += count;
  const out = context.memory.distancesAt(query.at, context.block, count);
  for (let i = 0; i < count; i++) out[i] += query.squaredNorm;
  return out;
}

/** Squared distance from the query to one node. */
export function distanceTo(context: GraphSearchContext, query: QueryPoint, node: number): number {
  context.memory.ids[0] = node;
  return distancesToIds(context, query, 1)[0];
}

/** Walks `level` greedily from `entry` to a node nearer the query than all of its neighbours. */
export function greedyClosest(
  context: GraphSearchContext,
  query: QueryPoint,
  search: { entry: number; level: number },
): number {
  const { graph, memory } = context;
  let current = search.entry;
  let currentDistance = distanceTo(context, query, current);
  for (let improved = true; improved;) {
    improved = false;
    const array = graph.listArray(search.level);
    const offset = graph.listOffset(current, search.level);
    const count = array[offset];
    memory.ids.set(array.subarray(offset + 1, offset + 1 + count));
    const distances = distancesToIds(context, query, count);
    let best = current;
    for (let i = 0; i < count; i++) {
      if (distances[i] < currentDistance) {
        currentDistance = distances[i];
        best = memory.ids[i];
        improved = true;
      }
    }
    current = best;
  }
  return current;
}

/**
 * Best-first beam search of one level: the `ef` nearest accepted nodes found, scored −distance. The heap
 * returned is the context's, valid until its next search.
 */
export function searchLayer(
  context: GraphSearchContext,
  query: QueryPoint,
  search: LayerSearch,
): TopKHeap {
  const { graph, visited, candidates, memory } = context;
  const { accept, level } = search;
  const ids = memory.ids;
  const results =
    context.results?.capacity === search.ef ? context.results : new TopKHeap(search.ef);
  context.results = results;
  results.clear();
  visited.clear();
  candidates.clear();
  visited.add(search.entry);
  const entryDistance = distanceTo(context, query, search.entry);
  candidates.push(search.entry, entryDistance);
  if (!accept || accept(search.entry)) results.push(search.entry, -entryDistance);
  // `bound`: distance of the worst kept result, Infinity until the beam is full.
  let bound = -results.threshold;
  const array = graph.listArray(level);
  while (candidates.length > 0 && candidates.nearestDistance <= bound) {
    const offset = graph.listOffset(candidates.pop(), level);
    let fresh = 0;
    for (let i = 1; i <= array[offset]; i++) {
      if (visited.add(array[offset + i])) ids[fresh++] = array[offset + i];
    }
    if (fresh === 0) continue;
    const distances = distancesToIds(context, query, fresh);
    for (let i = 0; i < fresh; i++) {
      const distance = distances[i];
      if (distance >= bound) continue;
      candidates.push(ids[i], distance);
      if (!accept || accept(ids[i])) {
        results.push(ids[i], -distance);
        bound = -results.threshold;
      }
    }
  }
  return results;
}
