/**
 * Weight of a liked interaction by event type (`rating` stands for a liked rating), applied when the
 * trainer loads its training set rather than frozen in at ingest, so a changed weight re-weights history.
 */
export type PositiveWeights = Readonly<Record<string, number>>;

/**
 * The weight of a liked (user, item) pair: that of the strongest positive event type seen for it; 0 when
 * none of its types weighs anything now (the pair is then no positive). Unknown types weigh 0.
 */
export function weightOfPositive(types: readonly string[], weights: PositiveWeights): number {
  let weight = 0;
  for (const type of types) weight = Math.max(weight, weights[type] ?? 0);
  return weight;
}
