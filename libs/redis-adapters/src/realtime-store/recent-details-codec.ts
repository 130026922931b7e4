import type { RecentInteraction } from '@recsys/domain';

// Stored format (v1) of one recent interaction besides its item id: `polarity|weight|at`, then
// `|receivedAt` when known (values written before it was added have none). ISO-8601 times never hold '|'.
const SEPARATOR = '|';

/** The hash value stored for one recent interaction. */
export function encodeRecentDetails(interaction: RecentInteraction): string {
  const fields = [interaction.polarity, interaction.weight, interaction.at];
  if (interaction.receivedAt !== undefined) fields.push(interaction.receivedAt);
  return fields.join(SEPARATOR);
}

/** Reads a stored hash value back; null for a value this version did not write. */
export function decodeRecentDetails(itemId: string, stored: string): RecentInteraction | null {
  const first = stored.indexOf(SEPARATOR);
  const second = stored.indexOf(SEPARATOR, first + 1);
  if (first < 0 || second < 0) return null;
  const polarity = Number(stored.slice(0, first));
  const weight = Number(stored.slice(first + 1, second));
  const [at, receivedAt] = stored.slice(second + 1).split(SEPARATOR);
  if ((polarity !== -1 && polarity !== 0 && polarity !== 1) || !Number.isFinite(weight) || !at) {
    return null;
  }
  return receivedAt
    ? { itemId, polarity, weight, at, receivedAt }
    : { itemId, polarity, weight, at };
}
