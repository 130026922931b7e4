const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` is a UUID in its canonical 8-4-4-4-12 hex form (anything else cannot be a job id). */
export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}
