// The api's log lines as JSON, on an api on in-memory ports: a request id on every line a request causes,
// in the answer too, and no key in any line.
import { Writable } from 'node:stream';
import { createLogger, PinoNestLogger } from '@recsys/structured-logs';
import { startInMemoryApi, TEST_WRITE_KEY } from '../http/testing/in-memory-api';

type Api = Awaited<ReturnType<typeof startInMemoryApi>>;

describe('api request logs', () => {
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  let api: Api;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const root = createLogger({ app: 'api', level: 'debug', pretty: false, destination });
    api = await startInMemoryApi({ logs: { root, nest: new PinoNestLogger(root) } });
  });
  afterAll(() => api.close());

  it('echoes a sensible X-Request-Id and logs the answer under it', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/recommend/u1?limit=3',
      headers: { 'x-request-id': 'gateway-42', 'x-api-key': TEST_WRITE_KEY },
    });
    expect(response.headers['x-request-id']).toBe('gateway-42');
    expect(lines()).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        app: 'api',
        reqId: 'gateway-42',
        msg: 'answered',
        route: '/recommend/:userId',
        status: response.statusCode,
      }),
    );
  });

  it('gives a request without one a fresh id, on the error line it causes as well', async () => {
    api.faults.catalogue = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    try {
      const response = await api.app.inject({
        method: 'GET',
        url: '/items/i1',
        headers: { 'x-api-key': TEST_WRITE_KEY, 'x-request-id': 'not a "valid" id' },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
      const id = response.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const mine = lines().filter((line) => line.reqId === id);
      expect(mine.map((line) => line.level)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(warn|error)$/), 'debug']),
      );
    } finally {
      delete api.faults.catalogue;
    }
  });

  it('never writes a key', () => {
    expect(raw.length).toBeGreaterThan(0);
    for (const line of raw) expect(line).not.toContain(TEST_WRITE_KEY);
  });
});
