import { DomainError } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { INVALID_ARGUMENT } from '../args/parse-options';
import type { EventSender, RefusedEvent } from './event-sender';

/** How the HTTP sender reaches the api and how patiently it retries. */
export interface HttpEventSenderOptions {
  /** The api's base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** A write key (API_WRITE_KEYS). */
  apiKey: string;
  /** Attempts after a 503 or a network failure before giving up (429 waits as told, without limit). */
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** Told about each wait, for the progress line. */
  onWait?: (reason: string, waitMs: number) => void;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

interface Answer {
  status: number;
  retryAfterMs?: number;
  body: unknown;
}

/**
 * POSTs batches to `/events`: 202 accepted; 429 waits `Retry-After` and resends; 503 (the api's event
 * stream is down) and network failures back off exponentially; 413 halves the batch; 400 INVALID_EVENT
 * (the api refuses a batch whole) drops the events it names and resends the rest; 401/403 stop the import.
 */
export class HttpEventSender implements EventSender {
  constructor(private readonly options: HttpEventSenderOptions) {}

  async send(events: readonly InteractionEventV1[]): Promise<RefusedEvent[]> {
    const refused: RefusedEvent[] = [];
    let pending = events.map((event, index) => ({ event, index }));
    let failures = 0;
    while (pending.length > 0) {
      const answer = await this.post(pending.map((p) => p.event));
      if (answer.status === 202) return refused;
      if (answer.status === 429) {
        await this.wait('rate limited (429)', answer.retryAfterMs ?? 1000);
      } else if (
        answer.status === 503 ||
        answer.status === 502 ||
        answer.status === 504 ||
        answer.status === 0
      ) {
        if (++failures > this.options.maxRetries) throw unavailable(answer);
        const backoffMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));
        await this.wait(`${describe(answer)}, retry ${failures}`, answer.retryAfterMs ?? backoffMs);
      } else if (answer.status === 413 && pending.length > 1) {
        const half = Math.ceil(pending.length / 2);
        for (const part of [pending.slice(0, half), pending.slice(half)]) {
          const partRefused = await this.send(part.map((p) => p.event));
          refused.push(...partRefused.map((r) => ({ ...r, index: part[r.index].index })));
        }
        return refused;
      } else if (answer.status === 400) {
        const named = refusedEvents(answer.body, pending.length);
        if (named.length === 0) throw failed(answer);
        refused.push(...named.map((r) => ({ ...r, index: pending[r.index].index })));
        const dropped = new Set(named.map((r) => r.index));
        pending = pending.filter((_, i) => !dropped.has(i));
      } else if (answer.status === 401 || answer.status === 403) {
        throw new DomainError(INVALID_ARGUMENT, `--key: the api refused it (${describe(answer)})`, { option: 'key' }); // prettier-ignore
      } else {
        throw failed(answer);
      }
    }
    return refused;
  }

  async close(): Promise<void> {}

  private async wait(reason: string, waitMs: number): Promise<void> {
    this.options.onWait?.(reason, waitMs);
    await this.options.sleep(waitMs);
  }

  private async post(events: InteractionEventV1[]): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(new URL('/events', this.options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.options.apiKey },
        body: JSON.stringify(events),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { status: 0, body: { message: cause?.code ?? cause?.message ?? String(error) } };
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the message
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has('retry-after') ? retryAfter * 1000 : undefined; // prettier-ignore
    return { status: response.status, retryAfterMs, body };
  }
}

/** The events a 400 INVALID_EVENT names (`details.errors[].field` = `[i].field`), one reason each. */
function refusedEvents(body: unknown, count: number): RefusedEvent[] {
  const errors = (body as { details?: { errors?: { field?: string; message?: string }[] } } | null)
    ?.details?.errors;
  const reasons = new Map<number, string[]>();
  for (const error of errors ?? []) {
    const match = /^\[(\d+)\]\.?(.*)$/.exec(error.field ?? '');
    if (!match || Number(match[1]) >= count) continue;
    const index = Number(match[1]);
    const text = match[2] ? `${match[2]}: ${error.message}` : String(error.message);
    reasons.set(index, [...(reasons.get(index) ?? []), text]);
  }
  return [...reasons].map(([index, texts]) => ({ index, reason: `api: ${texts.join('; ')}` }));
}

function describe(answer: Answer): string {
  const body = answer.body as { error?: string; message?: string } | string | null;
  const detail =
    typeof body === 'string' ? body.slice(0, 200) : (body?.error ?? body?.message ?? '');
  return answer.status === 0 ? `network failure ${detail}` : `${answer.status} ${detail}`.trim();
}

function unavailable(answer: Answer): DomainError {
  return new DomainError('IMPORT_FAILED', `the api kept failing: ${describe(answer)}`);
}

function failed(answer: Answer): DomainError {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return new DomainError('IMPORT_FAILED', `POST /events answered ${answer.status}: ${body.slice(0, 500)}`); // prettier-ignore
}
