// Sends exactly the bytes a fuzz case describes (node:http, not fetch: fetch would re-encode the path and
// refuse odd headers), and percent-encodes strings the way a client would, lone surrogates included.
import * as http from 'node:http';

/** One request as the fuzz suite sends it; `endpoint` names the route it aims at, for the report. */
export interface FuzzRequest {
  endpoint: string;
  method: string;
  /** Already encoded: sent as it is. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What came back; status 0 when no answer came (connection refused or reset, or the time-out). */
export interface FuzzResponse {
  status: number;
  body: string;
  error?: string;
}

const ANSWER_TIMEOUT_MS = 15_000;

/**
 * A body above this size waits EARLY_ANSWER_WAIT_MS after the headers before it is sent, as curl's
 * `Expect: 100-continue` does for large uploads. The api answers some requests from their headers alone (a
 * malformed path 400, no route 404, a body type other than JSON 415, a declared length over its limit 413)
 * and closes the connection: a client still writing a large body then often sees EPIPE or a reset instead
 * of that answer, a race the fuzz must not count as a missing answer (nor hide a real one).
 */
const EARLY_ANSWER_BODY_BYTES = 65_536;
const EARLY_ANSWER_WAIT_MS = 100;

/** Sends `request` to `baseUrl` and reads the whole answer. */
export function sendRaw(baseUrl: string, request: FuzzRequest): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const headers = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.length);
    const outgoing = http.request(
      // agent: false, one connection per request: a reset is then this request's, not an earlier one's.
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false }, // prettier-ignore
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
      },
    );
    outgoing.setTimeout(ANSWER_TIMEOUT_MS, () => outgoing.destroy(new Error('no answer in time')));
    outgoing.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
    const body = request.body;
    if (!body || body.length <= EARLY_ANSWER_BODY_BYTES) {
      outgoing.end(body);
      return;
    }
    outgoing.flushHeaders();
    const sendBody = setTimeout(() => outgoing.end(body), EARLY_ANSWER_WAIT_MS);
    // A request that failed or was answered meanwhile sends nothing more.
    outgoing.once('close', () => clearTimeout(sendBody));
    // Answered on the headers alone: the body is never sent, and the half-open request is dropped.
    outgoing.once('response', (incoming) => {
      clearTimeout(sendBody);
      incoming.once('end', () => outgoing.destroy());
    });
  });
}

/**
 * Percent-encodes like encodeURIComponent, except that a lone surrogate (which encodeURIComponent
 * refuses) becomes its WTF-8 bytes, as a sloppy client library would send it.
 */
export function encodeComponent(value: string): string {
  let encoded = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      encoded += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      encoded += encodeURIComponent(char);
    }
  }
  return encoded;
}
