// Stored format (v1, named in the channel) of one changed-users message: the JSON array of the user ids a
// recorded batch touched, each once.

/** The message announcing that these users changed. */
export function encodeChangedUsers(userIds: readonly string[]): string {
  return JSON.stringify(userIds);
}

/** The user ids of a message; null for a message this version did not write. */
export function decodeChangedUsers(message: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((userId) => typeof userId === 'string')) return null;
  return parsed;
}
