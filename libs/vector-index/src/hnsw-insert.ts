import {
  distancesToIds,
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
  const query = storedPoint(context, node);
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

function storedPoint(context: GraphSearchContext, node: number): QueryPoint {
  return {
    at: context.memory.rowAddress(context.block, node),
    squaredNorm: context.squaredNorms[node],
  };
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
  const ids = context.memory.ids;
  for (let i = 0; i < candidates.ids.length && chosen.length < max; i++) {
    const id = candidates.ids[i];
    const distanceToBase = -candidates.scores[i];
    for (let j = 0; j < chosen.length; j++) ids[j] = chosen[j];
    const distances = distancesToIds(context, storedPoint(context, id), chosen.length);
    let diverse = true;
    for (let j = 0; j < chosen.length && diverse; j++) diverse = distances[j] >= distanceToBase;
    if (diverse) chosen.push(id);
  }
  return chosen;
}

/** Adds `to` to the list of `from`; a full list gives up its farthest link if `to` is nearer. */
function linkBack(
  context: GraphSearchContext,
  link: { from: number; to: number; level: number },
): void {
  const { graph, memory } = context;
  const { from, to, level } = link;
  const array = graph.listArray(level);
  const offset = graph.listOffset(from, level);
  const count = array[offset];
  if (count < graph.capacity(level)) {
    array[offset + 1 + count] = to;
    array[offset] = count + 1;
    return;
  }
  // Full: replace the farthest link if the new node is nearer (cheap; the heuristic already chose `to`).
  memory.ids[0] = to;
  memory.ids.set(array.subarray(offset + 1, offset + 1 + count), 1);
  const distances = distancesToIds(context, storedPoint(context, from), count + 1);
  let farthest = -1;
  let farthestDistance = distances[0];
  for (let i = 1; i <= count; i++) {
    if (distances[i] > farthestDistance) {
      farthestDistance = distances[i];
      farthest = i;
    }
  }
  if (farthest > 0) array[offset + farthest] = to;
}
