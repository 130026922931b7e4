// `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM` (the shape the schema accepted).
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The same instant in UTC (`...Z`), keeping every fractional digit given (PostgreSQL stores microseconds,
 * a Date only milliseconds). PostgreSQL rejects offsets beyond ±15:59 that ISO-8601 allows, so an event is
 * stored and compared in UTC only. Returns null when the text is not an ISO date-time with a zone.
 */
export function normalizeTimestampToUtc(timestamp: string): string | null {
  const match = ISO_DATE_TIME.exec(timestamp);
  if (!match) return null;
  const [, wholeSeconds, fraction = '', zone] = match;
  const instantMs = Date.parse(`${wholeSeconds}${zone.toUpperCase()}`);
  if (Number.isNaN(instantMs)) return null;
  const utc = new Date(instantMs).toISOString(); // e.g. 2026-01-01T00:00:00.000Z or +010000-...
  return `${utc.slice(0, utc.length - '.000Z'.length)}${fraction}Z`;
}
