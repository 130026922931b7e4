/** The message of an unknown thrown value, for error texts. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
