// Hostile and unlucky requests against an api on in-memory ports (app.inject: no socket, no service):
// every error answer has one shape, no hostile input reaches a store, outages are 503 with Retry-After.
import { DomainError } from '@recsys/domain';
import { startInMemoryApi, TEST_WRITE_KEY } from './testing/in-memory-api';

type Api = Awaited<ReturnType<typeof startInMemoryApi>>;

const ERROR_SHAPE = {
  statusCode: expect.any(Number),
  error: expect.stringMatching(/^[A-Z_]+$/),
  message: expect.any(String),
};

describe('api error answers', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startInMemoryApi({ bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => api.close());
  afterEach(() => {
    delete api.faults.catalogue;
    delete api.faults.jobs;
    delete api.faults.events;
  });

  const send = async (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    options: { json?: unknown; payload?: string; contentType?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'x-api-key': TEST_WRITE_KEY };
    let payload = options.payload;
    if (options.json !== undefined) {
      payload = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    const response = await api.app.inject({ method, url, headers, payload });
    const body = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : null;
    if (response.statusCode >= 400) expect(body).toEqual(expect.objectContaining(ERROR_SHAPE));
    if (body && response.statusCode >= 400) expect(body.statusCode).toBe(response.statusCode);
    return { status: response.statusCode, body, headers: response.headers };
  };

  describe('ids in route parameters (issue items 6 and 8)', () => {
    it.each([
      ['NUL', '%00'],
      ['a control character', 'a%0Ab'],
      ['an unpaired surrogate (as CESU-8 bytes)', '%ED%A0%80'],
    ])('answers 400 for an item id with %s, before any store sees it', async (_what, id) => {
      const { status, body } = await send('PUT', `/items/${id}`, { json: {} });
      expect(status).toBe(400);
      expect(api.catalogueStore.items.size).toBe(0);
      expect(body?.error).toBe('INVALID_REQUEST');
    });

    it('accepts ids of 101..256 characters in every route, and states the limit above', async () => {
      const id = 'i'.repeat(256);
      expect((await send('PUT', `/items/${id}`, { json: {} })).status).toBe(200);
      expect((await send('GET', `/items/${id}`)).status).toBe(200);
      // No model is published here: the long id got past routing and validation to the service.
      const recommend = await send('GET', `/recommend/${'u'.repeat(200)}`);
      expect(recommend.body?.error).toBe('MODEL_NOT_READY');
      const tooLong = await send('PUT', `/items/${'i'.repeat(257)}`, { json: {} });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body?.message).toBe('itemId must be at most 256 characters');
    });

    it('accepts a 256-character id of 3-byte characters (percent-encoded: 2304 characters)', async () => {
      const id = encodeURIComponent('€'.repeat(256));
      expect((await send('PUT', `/items/${id}`, { json: { category: 'x' } })).status).toBe(200);
    });

    it('answers 414 in the one error shape for a parameter no id can be', async () => {
      const { status, body } = await send('GET', `/recommend/${'u'.repeat(5000)}`);
      expect(status).toBe(414);
      expect(body?.error).toBe('URI_TOO_LONG');
    });

    it('answers 400 in the one error shape for bad percent-encoding', async () => {
      const { status } = await send('GET', '/recommend/%E0%A4%A');
      expect(status).toBe(400);
    });
  });

  describe('item bodies (issue item 6)', () => {
    it.each([
      ['a NUL category', { category: '\u0000' }, 'category'],
      ['a surrogate category', { category: '\ud800' }, 'category'],
      ['a surrogate property value', { properties: { a: '\ud800' } }, 'properties.a'],
      [
        'a NUL nested property value',
        { properties: { a: { b: ['x\u0000'] } } },
        'properties.a.b[0]',
      ],
      ['a NUL property key', { properties: { '\u0000': 1 } }, 'properties.\u0000'],
    ])('answers 400 for %s, naming the field', async (_what, json, field) => {
      const { status, body } = await send('PUT', '/items/item-1', { json });
      expect(status).toBe(400);
      const errors = (body?.details as { errors: { field: string }[] }).errors;
      expect(errors.map((e) => e.field)).toContain(field);
    });

    it('answers 400 for properties nested deeper than 16 levels', async () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const payload = `{"properties":${deep}}`;
      const { status } = await send('PUT', '/items/item-1', {
        payload,
        contentType: 'application/json',
      });
      expect(status).toBe(400);
    });

    it('keeps newlines and emoji in property values', async () => {
      const properties = { title: 'Chaussures 👟\nlégères' };
      const { status, body } = await send('PUT', '/items/item-2', { json: { properties } });
      expect(status).toBe(200);
      expect(body?.properties).toEqual(properties);
    });
  });

  describe('content types (issue item 9)', () => {
    it.each([
      ['no content-type', undefined],
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
    ])('answers 415 for a JSON body with %s', async (_what, contentType) => {
      const { status, body } = await send('POST', '/training-jobs', {
        payload: '{"epochs":3}',
        contentType,
      });
      expect(status).toBe(415);
      expect(body?.error).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 400 for malformed JSON and 413 above the body limit, in the one shape', async () => {
      const bad = await send('POST', '/events', {
        payload: '{"a":',
        contentType: 'application/json',
      });
      expect(bad.status).toBe(400);
      const big = await send('POST', '/events', { json: { pad: 'x'.repeat(70 * 1024) } });
      expect(big.status).toBe(413);
      expect(big.body?.error).toBe('PAYLOAD_TOO_LARGE');
    });

    it('still accepts a body-less POST /training-jobs', async () => {
      expect((await send('POST', '/training-jobs')).status).toBe(201);
    });
  });

  describe('bounds (issue item 10)', () => {
    it('states the violated bound of each training parameter', async () => {
      const { status, body } = await send('POST', '/training-jobs', {
        json: { epochs: -1, dim: 100000 },
      });
      expect(status).toBe(400);
      expect((body?.details as { errors: unknown[] }).errors).toEqual([
        { field: 'epochs', message: 'epochs must be >= 1' },
        { field: 'dim', message: 'dim must be <= 512' },
      ]);
    });
  });

  describe('dependency outages (issue items 7 and 11)', () => {
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });

    it.each([
      ['PostgreSQL refusing connections (items)', 'catalogue', refused(), 'PUT', '/items/x'],
      [
        'PostgreSQL shutting down (jobs)',
        'jobs',
        Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        }),
        'POST',
        '/training-jobs',
      ],
      [
        'a wrapped driver error (TypeORM driverError)',
        'catalogue',
        Object.assign(new Error('query failed'), { driverError: refused() }),
        'DELETE',
        '/items/x',
      ],
      [
        'a Kafka broker out of reach',
        'events',
        new DomainError(
          'EVENT_PUBLISH_FAILED',
          'could not produce 1 messages to t: connect ECONNREFUSED 10.1.2.3:9092',
        ),
        'POST',
        '/events',
      ],
    ] as const)(
      'answers 503 with Retry-After and no host for %s',
      async (_what, port, error, method, url) => {
        api.faults[port] = error;
        const event = {
          eventId: 'e1',
          userId: 'u1',
          itemId: 'i1',
          type: 'click',
          timestamp: new Date().toISOString(),
        };
        const { status, body, headers } = await send(method, url, {
          json: url === '/events' ? event : {},
        });
        expect(status).toBe(503);
        expect(Number(headers['retry-after'])).toBeGreaterThan(0);
        expect(JSON.stringify(body)).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|5432|9092/);
      },
    );

    it('answers 413, not a retriable 503, for events the broker can never take', async () => {
      api.faults.events = new DomainError('EVENT_TOO_LARGE', 'above the broker limit');
      const event = {
        eventId: 'e1',
        userId: 'u1',
        itemId: 'i1',
        type: 'click',
        timestamp: new Date().toISOString(),
      };
      const { status, headers } = await send('POST', '/events', { json: event });
      expect(status).toBe(413);
      expect(headers['retry-after']).toBeUndefined();
    });

    it('answers an unexpected error with a 500 that says nothing of it', async () => {
      api.faults.catalogue = new TypeError('secret internals at 10.1.2.3');
      const { status, body } = await send('PUT', '/items/x', { json: {} });
      expect(status).toBe(500);
      expect(JSON.stringify(body)).not.toContain('10.1.2.3');
    });
  });

  describe('deletes (issue item 15)', () => {
    it('answers 204 for an item the catalogue never had, and records its tombstone', async () => {
      const { status } = await send('DELETE', '/items/only-the-model-knows-me');
      expect(status).toBe(204);
      expect(api.catalogueStore.items.get('only-the-model-knows-me')?.deleted).toBe(true);
      expect((await send('DELETE', '/items/only-the-model-knows-me')).status).toBe(204);
    });
  });
});
