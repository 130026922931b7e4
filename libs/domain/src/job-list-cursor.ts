// The cursor of `GET /training-jobs` is opaque to clients: today it is the queue position of the last job
// of a page, base64url-encoded so clients do not build or parse it themselves.
const POSITION = /^[1-9][0-9]{0,17}$/;

/** The cursor that continues a newest-first listing after the job at `queuePosition`. */
export function encodeJobCursor(queuePosition: string): string {
  return Buffer.from(queuePosition, 'utf8').toString('base64url');
}

/** The queue position a cursor stands for, or null when it is not a cursor this service made. */
export function decodeJobCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(cursor)) return null;
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  return POSITION.test(position) && encodeJobCursor(position) === cursor ? position : null;
}
