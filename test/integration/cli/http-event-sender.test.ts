// The HTTP importer's answers to what an api can say (429 + Retry-After, 503, 413, 400 naming events,
// 401), over real HTTP against a local server that answers from a script.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { HttpEventSender } from '../../../apps/cli/src/importing/http-event-sender';

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const event = (id: string): InteractionEventV1 => ({
  eventId: id,
  userId: 'u',
  itemId: `item-${id}`,
  type: 'click',
  timestamp: '2026-11-30T00:00:00Z',
});

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('HttpEventSender against an api that pushes back', () => {
  let server: Server;
  let baseUrl: string;
  let answer: (events: InteractionEventV1[]) => Reply;
  const received: { key: string | undefined; ids: string[] }[] = [];
  const waits: number[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      void bodyOf(request).then((body) => {
        const events = body as InteractionEventV1[];
        received.push({ key: request.headers['x-api-key'] as string, ids: events.map((e) => e.eventId) }); // prettier-ignore
        const reply = answer(events);
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(JSON.stringify(reply.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    waits.length = 0;
  });

  const sender = (maxRetries = 3) =>
    new HttpEventSender({
      baseUrl,
      apiKey: 'write-key',
      maxRetries,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });

  function scripted(replies: Reply[]): void {
    let call = 0;
    answer = () => replies[Math.min(call++, replies.length - 1)];
  }

  it('waits out 429 for Retry-After seconds and 503 with backoff, then delivers the batch', async () => {
    scripted([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, body: { error: 'EVENT_STREAM_UNAVAILABLE' } },
      { status: 503 },
      { status: 202, body: { accepted: 2 } },
    ]);
    expect(await sender().send([event('a'), event('b')])).toEqual([]);
    expect(waits).toEqual([2000, 500, 1000]);
    expect(received).toHaveLength(4);
    expect(received.every((r) => r.key === 'write-key' && r.ids.join() === 'a,b')).toBe(true);
  });

  it('gives up after the retries of a 503 with the reason', async () => {
    scripted([{ status: 503, body: { error: 'EVENT_STREAM_UNAVAILABLE' } }]);
    await expect(sender(2).send([event('a')])).rejects.toThrow(
      'the api kept failing: 503 EVENT_STREAM_UNAVAILABLE',
    );
    expect(received).toHaveLength(3);
  });

  it('drops the events a 400 names and resends the rest', async () => {
    answer = (events) =>
      events.some((e) => e.eventId === 'b')
        ? { status: 400, body: { error: 'INVALID_EVENT', details: { errors: [{ field: '[1].timestamp', message: 'too old' }] } } } // prettier-ignore
        : { status: 202 };
    const refused = await sender().send([event('a'), event('b'), event('c')]);
    expect(refused).toEqual([{ index: 1, reason: 'api: timestamp: too old' }]);
    expect(received.map((r) => r.ids.join())).toEqual(['a,b,c', 'a,c']);
  });

  it('halves a batch the api finds too large', async () => {
    answer = (events) => (events.length > 2 ? { status: 413 } : { status: 202 });
    expect(await sender().send(['a', 'b', 'c', 'd', 'e'].map(event))).toEqual([]);
    expect(received.map((r) => r.ids.join())).toEqual(['a,b,c,d,e', 'a,b,c', 'a,b', 'c', 'd,e']);
  });

  it('stops at once on a refused key, naming the option', async () => {
    scripted([{ status: 403, body: { error: 'FORBIDDEN' } }]);
    await expect(sender().send([event('a')])).rejects.toThrow('--key: the api refused it (403 FORBIDDEN)'); // prettier-ignore
    expect(received).toHaveLength(1);
  });
});
