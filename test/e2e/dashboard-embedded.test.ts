// The dashboard's data in the embedded app (`npm start`: one process, no Kafka, Redis or PostgreSQL
// server): the in-process stream's figures, the embedding map of the demo model, a user's recent list.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient } from './support/http-client';
import { waitFor } from './support/wait-for';

jest.setTimeout(240_000);

type Reading<T> = { value: T } | { error: string };
type Traffic = {
  eventsPerSecond: Reading<number>;
  deadLetters: Reading<number>;
  consumerLag: Reading<{ partition: number; lag: number }[]>;
};
type EmbeddingMap = {
  itemCount: number;
  sampled: number;
  points: { itemId: string; x: number; y: number; category: string | null }[];
};

describe('dashboard in the embedded app', () => {
  let dataDir: string;
  let app: AppProcess;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'recsys-dashboard-embedded-'));
    const port = await freePort();
    app = AppProcess.start('embedded', {
      PORT: String(port),
      DATA_DIR: dataDir,
      TRAIN_EPOCHS: '10',
      CATALOGUE_MODE: 'strict',
    });
    await app.waitForLog(/ready\. Try: curl/, 180_000);
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the page', async () => {
    const page = await fetch(`${baseUrl}/dashboard`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/dashboard/assets/main.js');
  });

  it('reads traffic from the in-process stream and the event log', async () => {
    const api = apiClient(baseUrl, 'demo-read-key');
    const event = { eventId: `dashboard-${Date.now()}`, userId: 'user-1', itemId: 'outdoor-001', type: 'click', timestamp: new Date().toISOString() }; // prettier-ignore
    expect((await apiClient(baseUrl, 'demo-write-key').post('/events', event)).status).toBe(202);
    let traffic: Traffic | undefined;
    await waitFor(
      async () => {
        traffic = (await api.get<Traffic>('/dashboard/traffic')).body;
        const lag = 'value' in traffic.consumerLag ? traffic.consumerLag.value[0].lag : -1;
        const events = 'value' in traffic.eventsPerSecond ? traffic.eventsPerSecond.value : 0;
        return lag === 0 && events > 0;
      },
      { timeoutMs: 30_000, what: 'the event logged and the channel drained' },
    );
    expect(traffic!.consumerLag).toEqual({ value: [{ partition: 0, lag: 0 }] });
    expect(traffic!.deadLetters).toEqual({ value: 0 });
  });

  it('maps every demo item, coloured by its catalogue category, and places a user', async () => {
    const api = apiClient(baseUrl, 'demo-read-key');
    const map = (await api.get<EmbeddingMap>('/dashboard/embedding-map')).body;
    expect(map.sampled).toBe(map.itemCount);
    expect(map.points).toHaveLength(map.sampled);
    expect(map.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(map.points.find((p) => p.itemId.startsWith('outdoor-'))?.category).toBe('outdoor');
    const recent = (await api.get<{ interactions: { itemId: string }[] }>('/users/user-1/recent?limit=5')).body; // prettier-ignore
    expect(recent.interactions.length).toBeGreaterThan(0);
    const ids = recent.interactions.map((i) => i.itemId).join(',');
    const placed = await api.get<{ user: unknown; items: unknown[] }>(
      `/dashboard/embedding-map/placement?userId=user-1&itemIds=${encodeURIComponent(ids)}`,
    );
    expect(placed.status).toBe(200);
    expect(placed.body.user).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(placed.body.items).toHaveLength(recent.interactions.length);
  });
});
