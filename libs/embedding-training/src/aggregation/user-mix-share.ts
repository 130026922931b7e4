/** The liked count at which a user's share of the mix is `userAggregation` itself. */
export const USER_MIX_PIVOT = 20;

/**
 * g for a user with `likedCount` liked items: logit(g_u) = logit(g) + slope x ln(likedCount / 20). Slope
 * 0 gives every user g; a negative slope leans a user with many liked items on their own row (trained
 * by many examples) and a user with few on the mean of their items (at slope -1, g_u = c / (c + k) with
 * c = 20 g / (1 - g): the own row weighs k / (k + c), a shrinkage towards the mean). g 0 (no mix) and
 * 1 (the mean alone) have no logit and stay as they are; so does a user without liked items (never mixed).
 */
export function userMixShare(mix: { share: number; slope: number }, likedCount: number): number {
  const { share, slope } = mix;
  if (slope === 0 || share <= 0 || share >= 1 || likedCount <= 0) return share;
  const logit = Math.log(share / (1 - share)) + slope * Math.log(likedCount / USER_MIX_PIVOT);
  return 1 / (1 + Math.exp(-logit));
}
