/** Compares strings by their UTF-8 bytes: the order Redis gives sorted-set members of equal score. */
export function compareUtf8(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}
