/** Item indices by the number of distinct users who liked them, most popular first (ties: lower index). */
export function rankPopularItems(
  positives: { users: Int32Array; items: Int32Array },
  options: { itemCount: number; limit: number },
): Int32Array {
  const likedBy = new Int32Array(options.itemCount);
  const seenPair = new Set<number>();
  for (let i = 0; i < positives.items.length; i++) {
    const key = positives.users[i] * options.itemCount + positives.items[i];
    if (seenPair.has(key)) continue;
    seenPair.add(key);
    likedBy[positives.items[i]]++;
  }
  const ranked = Array.from({ length: options.itemCount }, (_, i) => i)
    .filter((i) => likedBy[i] > 0)
    .sort((a, b) => likedBy[b] - likedBy[a] || a - b);
  return Int32Array.from(ranked.slice(0, options.limit));
}
