import { dotProduct } from './dot-product';
import {
  greedyClosest,
  searchLayer,
  type GraphSearchContext,
  type QueryPoint,
} from './hnsw-search-layer';

/**
 * Adds stored row `node` to the graph: walks down from the entry point, then on each of the node's levels
 * links it to diverse near neighbours found by a beam of `efConstruction`, and links them back.
 */
export function insertNode(
  context: GraphSearchContext,
  node: number,
  efConstruction: number,
): void {
  const { graph } = context;
  const level = graph.levels[node];
  if (graph.entryPoint < 0) {
    graph.entryPoint = node;
    graph.topLevel = level;
    return;
  }
  const query: QueryPoint = {
    vector: context.vectors,
    offset: node * context.dim,
    squaredNorm: context.squaredNorms[node],
  };
  let entry = graph.entryPoint;
  for (let l = graph.topLevel; l > level; l--)
    entry = greedyClosest(context, query, { entry, level: l });
  for (let l = Math.min(level, graph.topLevel); l >= 0; l--) {
    const found = searchLayer(context, query, {
      entry,
      ef: efConstruction,
      level: l,
    }).drainSorted();
    const chosen = selectDiverse(context, found, graph.links);
    graph.setNeighbours(node, l, chosen);
    for (const neighbour of chosen) linkBack(context, { from: neighbour, to: node, level: l });
    entry = found.ids[0];
  }
  if (level > graph.topLevel) {
    graph.entryPoint = node;
    graph.topLevel = level;
  }
}

/**
 * Malkov's neighbour heuristic: from candidates nearest first (score = −distance to the base node), keep
 * one only if it is nearer the base than every one already kept. Spreading links over directions keeps
 * clusters connected to each other, which plain nearest-k does not.
 */
function selectDiverse(
  context: GraphSearchContext,
  candidates: { ids: Int32Array; scores: Float64Array },
  max: number,
): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < candidates.ids.length && chosen.length < max; i++) {
    const id = candidates.ids[i];
    const distanceToBase = -candidates.scores[i];
    let diverse = true;
    for (let j = 0; j < chosen.length && diverse; j++) {
      diverse = pairDistance(context, id, chosen[j]) >= distanceToBase;
    }
    if (diverse) chosen.push(id);
  }
  return chosen;
}

/** Adds `to` to the list of `from`; a full list is re-pruned with the heuristic over old links + new one. */
function linkBack(
  context: GraphSearchContext,
  link: { from: number; to: number; level: number },
): void {
  const { graph } = context;
  const { from, to, level } = link;
  const array = graph.listArray(from, level);
  const offset = graph.listOffset(from, level);
  const count = array[offset];
  if (count < graph.capacity(level)) {
    array[offset + 1 + count] = to;
    array[offset] = count + 1;
    return;
  }
  // Full: replace the farthest link if the new node is nearer (cheap; the heuristic already chose `to`).
  let farthest = -1;
  let farthestDistance = pairDistance(context, from, to);
  for (let i = 1; i <= count; i++) {
    const distance = pairDistance(context, from, array[offset + i]);
    if (distance > farthestDistance) {
      farthestDistance = distance;
      farthest = i;
    }
  }
  if (farthest > 0) array[offset + farthest] = to;
}

/** Squared Euclidean distance between two stored rows. */
function pairDistance(context: GraphSearchContext, a: number, b: number): number {
  const { vectors, squaredNorms, dim } = context;
  context.distanceCount++;
  return (
    squaredNorms[a] + squaredNorms[b] - 2 * dotProduct(vectors, a * dim, vectors, b * dim, dim)
  );
}
