// The dashboard in a real browser (chromium via playwright-core) on the real stack: log in, every panel
// renders data, activation from the page changes GET /models, a test click shows in the user inspector.
// Screenshots of each panel go to test-output/dashboard/.
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  inkedPixels,
  launchChromium,
  pixelsOfColour,
  SCREENSHOT_DIR,
} from './support/dashboard-browser';
import { requestJson, TEST_KEYS } from './support/http-client';
import { startRunningStack, waitForServedVersion, type RunningStack } from './support/running-stack'; // prettier-ignore
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(420_000);

// The first series' stroke in the page's charts (apps/api/web/src/charts.ts).
const FIRST_SERIES_RGB: [number, number, number] = [0x2f, 0x6f, 0xdd];
const PANELS = ['models', 'training', 'traffic', 'map', 'inspector'] as const;

type ModelList = { current: string | null; serving: string | null };

describe('dashboard', () => {
  const history = plantedTasteHistory(61);
  const user = history.users[0].userId;
  let running: RunningStack;
  let browser: Browser;
  let page: Page;
  const versions: string[] = [];

  beforeAll(async () => {
    running = await startRunningStack('e2e_dashboard', { all: { MODEL_POLL_INTERVAL_MS: '500' } });
    for (const item of history.items) {
      const category = history.clusterNames[item.cluster];
      const put = await running.api.put(`/items/${item.itemId}`, { category, available: true });
      expect(put.status).toBe(200);
    }
    await running.ingest(history.events);
    // One message the ingestor cannot decode: the traffic panel must count it as a dead letter.
    const producer = running.stack.kafka.producer();
    await producer.connect();
    await producer.send({ topic: running.stack.topic, messages: [{ key: user, value: '{"not json' }] }); // prettier-ignore
    await producer.disconnect();
    for (const seed of [1, 2]) {
      const job = await running.train({ seed });
      expect(job.status).toBe('succeeded');
      versions.push(job.modelVersion!);
    }
    await waitForServedVersion(running, versions[1]);
    for (let i = 0; i < 5; i++) await running.api.get(`/recommend/${history.users[i].userId}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('serves the page without a key, and its data only with one', async () => {
    const html = await fetch(`${running.baseUrl}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const script = await fetch(`${running.baseUrl}/dashboard/assets/main.js`);
    expect(script.status).toBe(200);
    expect((await requestJson(`${running.baseUrl}/dashboard/traffic`)).status).toBe(401);
    expect((await requestJson(`${running.baseUrl}/users/${user}/recent`)).status).toBe(401);
    expect((await fetch(`${running.baseUrl}/dashboard/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('logs in with the keys kept in session storage, never in the URL', async () => {
    await page.goto(`${running.baseUrl}/dashboard`);
    await page.fill('#read-key', TEST_KEYS.read);
    await page.fill('#write-key', TEST_KEYS.write);
    await page.click('#login button[type="submit"]');
    await page.locator('#panels').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${running.baseUrl}/dashboard`);
    expect(await page.evaluate("sessionStorage.getItem('recsys.readKey')")).toBe(TEST_KEYS.read);
  });

  it('renders every panel with data', async () => {
    const models = page.locator('#panel-models');
    await waitFor(async () => (await models.locator('table.versions tbody tr').count()) === 2, { timeoutMs: 30_000, what: 'the model rows' }); // prettier-ignore
    expect(await pixelsOfColour(models.locator('.chart canvas'), FIRST_SERIES_RGB)).toBeGreaterThan(
      5,
    );

    const training = page.locator('#panel-training');
    await waitFor(async () => (await training.locator('table.jobs tbody tr').count()) >= 2, { timeoutMs: 30_000, what: 'the job rows' }); // prettier-ignore
    expect(
      await pixelsOfColour(training.locator('.chart canvas'), FIRST_SERIES_RGB),
    ).toBeGreaterThan(20);

    const traffic = page.locator('#panel-traffic');
    await waitFor(async () => /\d/.test((await traffic.locator('.figures').textContent()) ?? ''), { timeoutMs: 30_000, what: 'the traffic figures' }); // prettier-ignore
    await waitFor(async () => (await traffic.locator('.figure').nth(1).textContent())?.startsWith('1') ?? false, { timeoutMs: 60_000, what: 'one dead letter' }); // prettier-ignore
    // The recommend figures are the api's own counters (ApiMetrics): the page shows what the endpoint reads.
    type Traffic = { recommend: { requests: number; answers: unknown[] } };
    const read = (await requestJson<Traffic>(`${running.baseUrl}/dashboard/traffic`, { apiKey: TEST_KEYS.read })).body; // prettier-ignore
    expect(await traffic.locator('.figure').nth(3).locator('b').textContent()).toBe(String(read.recommend.requests)); // prettier-ignore
    expect(await traffic.locator('table.sources tbody tr').count()).toBe(
      read.recommend.answers.length,
    );
    expect(
      await pixelsOfColour(traffic.locator('.chart canvas'), FIRST_SERIES_RGB),
    ).toBeGreaterThan(0);

    const map = (await requestJson<{ sampled: number }>(`${running.baseUrl}/dashboard/embedding-map`, { apiKey: TEST_KEYS.read })).body; // prettier-ignore
    expect(map.sampled).toBe(history.items.length);
    const canvas = page.locator('#panel-map canvas');
    await waitFor(async () => (await canvas.getAttribute('data-points')) === String(map.sampled), { timeoutMs: 30_000, what: 'the map points' }); // prettier-ignore
    expect(await inkedPixels(canvas)).toBeGreaterThan(map.sampled * 4);
    expect(await page.locator('#panel-map .legend li').count()).toBe(history.clusterNames.length);
  });

  it('activates a version from the page, which GET /models then reports', async () => {
    await page.locator(`#panel-models button[data-version="${versions[0]}"]`).click();
    await waitFor(async () => (await running.api.get<ModelList>('/models')).body.current === versions[0], { timeoutMs: 30_000, what: 'the activation' }); // prettier-ignore
    await waitForServedVersion(running, versions[0]);
    await waitFor(async () => ((await page.locator('#panel-models .summary').textContent()) ?? '').includes(`current ${versions[0]}`), { timeoutMs: 30_000, what: 'the page to show it' }); // prettier-ignore
  });

  it('shows a user, places them on the map, and what a test click changed', async () => {
    const inspector = page.locator('#panel-inspector');
    await inspector.locator('input[name="user-id"]').fill(user);
    await inspector.locator('form button[type="submit"]').click();
    await waitFor(async () => (await inspector.locator('table.recommendations tbody tr').count()) > 0, { timeoutMs: 30_000, what: 'the recommendations' }); // prettier-ignore
    expect(await inspector.locator('table.recent tbody tr').count()).toBeGreaterThan(0);
    const mapCanvas = page.locator('#panel-map canvas');
    await waitFor(async () => Number(await mapCanvas.getAttribute('data-placed')) > 1, { timeoutMs: 30_000, what: 'the user on the map' }); // prettier-ignore

    await inspector.locator('button.test-click').click();
    const changes = inspector.locator('.changes');
    await waitFor(async () => /newest recent interaction/.test((await changes.textContent()) ?? ''), { timeoutMs: 60_000, what: 'the click to show', onTimeout: () => running.apps.ingestor.logs }); // prettier-ignore
    const clicked = await inspector.getAttribute('data-clicked-item');
    const firstRecent = inspector.locator('table.recent tbody tr').first();
    expect(await firstRecent.locator('td').first().textContent()).toBe(clicked);
    expect(await firstRecent.getAttribute('class')).toBe('new');
    const recent = await running.api.get<{ interactions: { itemId: string }[] }>(`/users/${user}/recent?limit=5`); // prettier-ignore
    expect(recent.body.interactions[0].itemId).toBe(clicked);
  });

  it("shows the running job's live progress", async () => {
    const queued = await running.api.post<{ id: string }>('/training-jobs', { epochs: 1000 });
    expect(queued.status).toBe(201);
    const progress = page.locator('#panel-training .progress');
    await waitFor(async () => /epoch [1-9]\d* of 2000/.test((await progress.textContent()) ?? ''), { timeoutMs: 90_000, what: 'the running job on the page', onTimeout: () => running.apps.trainer.logs }); // prettier-ignore
    const share = await progress.locator('.bar > div').evaluate((bar) => (bar as unknown as { style: { width: string } }).style.width); // prettier-ignore
    expect(parseFloat(share)).toBeGreaterThan(0);
    await page.locator('#panel-training').screenshot({ path: path.join(SCREENSHOT_DIR, 'training-running.png') }); // prettier-ignore
    expect((await running.api.delete(`/training-jobs/${queued.body.id}`)).status).toBe(200);
  });

  it('writes a screenshot of each panel', async () => {
    await page.locator('#panel-map canvas').hover({ position: { x: 5, y: 5 } });
    for (const panel of PANELS) {
      await page.locator(`#panel-${panel}`).screenshot({ path: path.join(SCREENSHOT_DIR, `${panel}.png`) }); // prettier-ignore
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard.png'), fullPage: true });
  });
});
