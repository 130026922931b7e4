// `npm start` on the embedded default: no Kafka, Redis or PostgreSQL server; demo data, training, answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Recommendations } from '@recsys/recommendations';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { apiClient } from './support/http-client';

jest.setTimeout(240_000);

describe('embedded default (npm start)', () => {
  let dataDir: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'recsys-embedded-'));
  });

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<string> {
    const port = await freePort();
    app = AppProcess.start('embedded', {
      PORT: String(port),
      DATA_DIR: dataDir,
      TRAIN_EPOCHS: '15',
      // One thread: the planted-taste check below wants the same model every run (two threads update rows
      // in parallel and are not bit-deterministic; the product's default is all cores).
      TRAIN_THREADS: '1',
      // The demo lists its items in the catalogue, so the advised strict mode recommends them.
      CATALOGUE_MODE: 'strict',
    });
    await app.waitForLog(/ready\. Try: curl/, 180_000);
    return `http://127.0.0.1:${port}`;
  }

  it('seeds demo data, trains and recommends to a demo user from the model', async () => {
    const baseUrl = await start();
    expect(app!.logs).toMatch(/seeding demo data/);
    const answer = await apiClient(baseUrl, 'demo-read-key').get<Recommendations>(
      '/recommend/user-1',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.userId).toBe('user-1');
    expect(answer.body.modelVersion).toMatch(/^\d{8}T\d{6}Z-/);
    expect(answer.body.items).toHaveLength(10);
    expect(answer.body.items.every((i) => i.source === 'model')).toBe(true);
    // user-1 has the first taste cluster ("outdoor") in the demo generator
    const outdoor = answer.body.items.filter((i) => i.itemId.startsWith('outdoor-')).length;
    expect(outdoor).toBeGreaterThanOrEqual(8);
  });

  it('keeps its events across a restart and serves again without re-seeding', async () => {
    expect(await app!.stop()).toBe(0);
    const baseUrl = await start();
    expect(app!.logs).not.toMatch(/seeding demo data/);
    const answer = await apiClient(baseUrl, 'demo-read-key').get<Recommendations>(
      '/recommend/user-2?limit=5',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items).toHaveLength(5);
  });
});
