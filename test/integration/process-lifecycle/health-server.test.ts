import { startHealthServer, type HealthServer } from '@recsys/process-lifecycle';

describe('startHealthServer', () => {
  let server: HealthServer;
  let healthy = true;

  beforeAll(async () => {
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      routes: {
        '/health/live': () => ({ healthy: true, body: { status: 'ok' } }),
        '/health/ready': () => Promise.resolve({ healthy, body: { healthy } }),
        '/health/broken': () => Promise.reject(new Error('boom')),
      },
    });
  });
  afterAll(() => server.close());

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers 200 when healthy and 503 when not, with the report as JSON', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    healthy = false;
    expect(await get('/health/ready')).toEqual({ status: 503, body: { healthy: false } });
    healthy = true;
    expect((await get('/health/ready?x=1')).status).toBe(200);
  });

  it('answers 503 for a report that throws and 404 for an unknown path', async () => {
    expect(await get('/health/broken')).toMatchObject({ status: 503, body: { status: 'failing' } });
    expect((await get('/metrics')).status).toBe(404);
  });

  it('serves text pages (a metrics scrape) with their content type, and 500 when one throws', async () => {
    const pages = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      routes: {},
      pages: {
        '/metrics': () =>
          Promise.resolve({ contentType: 'text/plain; version=0.0.4', body: 'up 1\n' }),
        '/broken': () => Promise.reject(new Error('boom')),
      },
    });
    try {
      const response = await fetch(`http://127.0.0.1:${pages.port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4');
      expect(await response.text()).toBe('up 1\n');
      expect((await fetch(`http://127.0.0.1:${pages.port}/broken`)).status).toBe(500);
    } finally {
      await pages.close();
    }
  });
});
