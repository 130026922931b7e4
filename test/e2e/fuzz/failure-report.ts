// Collects the requests that broke an invariant and prints them so whoever fixes the product can replay
// them: the request (method, path, headers, body), the status and the answer, grouped by kind.
import type { FuzzRequest, FuzzResponse } from './raw-http';

const PREVIEW_CHARS = 300;

export interface FuzzFailure {
  request: FuzzRequest;
  response: FuzzResponse;
}

/** Every request whose answer was a 5xx or no answer at all, with a short report grouped by kind. */
export class FailureLog {
  readonly failures: FuzzFailure[] = [];

  add(request: FuzzRequest, response: FuzzResponse): void {
    this.failures.push({ request, response });
  }

  /** One line per kind (endpoint, status, error code/message), its count and a replayable example. */
  report(): string {
    const groups = new Map<string, FuzzFailure[]>();
    for (const failure of this.failures) {
      const key = `${failure.request.endpoint} -> ${failure.response.status} ${errorOf(failure.response)}`;
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    return [...groups.entries()]
      .map(([key, group]) => `${group.length} x ${key}\n  e.g. ${describe(group[0])}`)
      .join('\n');
  }
}

function errorOf(response: FuzzResponse): string {
  if (response.error) return `(${response.error})`;
  try {
    const body = JSON.parse(response.body) as { error?: string; message?: string };
    return `${body.error ?? ''} ${(body.message ?? '').slice(0, 80)}`.trim();
  } catch {
    return response.body.slice(0, 80);
  }
}

/** The request as a curl-like line, the body in JSON-escaped form so NULs and surrogates are visible. */
export function describe({ request, response }: FuzzFailure): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `-H '${name}: ${value}'`)
    .join(' ');
  const body = request.body
    ? ` body(${request.body.length} B)=${JSON.stringify(request.body.toString('utf8').slice(0, PREVIEW_CHARS))}`
    : '';
  const answer = JSON.stringify(response.body.slice(0, PREVIEW_CHARS));
  return `${request.method} ${request.path} ${headers}${body}\n  answered ${response.status}: ${answer}`;
}

/**
 * The error lines of a process log (errors, stack frames, the consumer's redelivery warnings), each kind
 * once: a partition retried forever repeats the same line with a new attempt number.
 */
export function errorLines(logs: string, maxLines = 60): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of logs.split('\n')) {
    if (!/ERROR|"level":"(error|fatal)"|^\s+at |Error:|handler rejected/.test(line)) continue;
    const kind = line.replace(/\d+/g, '#');
    if (seen.has(kind)) continue;
    seen.add(kind);
    kept.push(line);
  }
  return kept.slice(0, maxLines).join('\n');
}
