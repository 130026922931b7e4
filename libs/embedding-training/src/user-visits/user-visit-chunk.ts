/**
 * Copies the work items of `order` from `at` into `work` (at most its length) and returns how many and
 * where the next chunk starts. A chunk ends where a user's items end when it can, so a visit is cut only
 * when it alone outgrows a chunk (then the kernel trains it as two visits). Items below `pairCount` are
 * pairs, the rest explicit triplets.
 */
export function fillVisitChunk(
  order: Int32Array,
  at: number,
  chunk: { work: Int32Array; pairUsers: Int32Array; explicitUsers: Int32Array; pairCount: number },
): { count: number; next: number } {
  const { work, pairUsers, explicitUsers, pairCount } = chunk;
  const userOf = (item: number): number =>
    item < pairCount ? pairUsers[item] : explicitUsers[item - pairCount];
  const next = Math.min(order.length, at + work.length);
  work.set(order.subarray(at, next));
  const count = next - at;
  if (next === order.length) return { count, next };
  // A full chunk whose trailing visit goes on leaves that visit to the next chunk, unless it fills this one.
  const trailing = userOf(order[next - 1]);
  if (userOf(order[next]) !== trailing) return { count, next };
  let visitStart = next - 1;
  while (visitStart > at && userOf(order[visitStart - 1]) === trailing) visitStart--;
  return visitStart > at ? { count: visitStart - at, next: visitStart } : { count, next };
}
