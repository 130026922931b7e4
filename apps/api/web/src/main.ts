// The dashboard page: a login form for the api key, then five panels refreshed every few seconds.
import { ApiClient, ApiError } from './api-client.js';
import { find } from './dom.js';
import { InspectorPanel } from './inspector-panel.js';
import { MapPanel } from './map-panel.js';
import { ModelsPanel } from './models-panel.js';
import { forgetKeys, savedKeys, saveKeys, type Keys } from './session.js';
import { TrafficPanel } from './traffic-panel.js';
import { TrainingPanel } from './training-panel.js';

const REFRESH_MS = 3_000;

function start(keys: Keys): void {
  const api = new ApiClient(keys);
  find(document, '#login').hidden = true;
  find(document, '#panels').hidden = false;
  find(document, '#logout').hidden = false;
  const status = find(document, '#status');
  const map = new MapPanel(find(document, '#panel-map'), api);
  const models = new ModelsPanel(find(document, '#panel-models'), api, () => void refresh());
  const training = new TrainingPanel(find(document, '#panel-training'), api);
  const traffic = new TrafficPanel(find(document, '#panel-traffic'), api);
  new InspectorPanel(find(document, '#panel-inspector'), api, (highlight) => map.place(highlight));

  let running: Promise<void> | null = null;
  const refresh = (): Promise<void> =>
    (running ??= (async () => {
      const failures: string[] = [];
      const attempt = async (name: string, work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          if (error instanceof ApiError && error.status === 401)
            return logOut('the key was refused');
          failures.push(`${name}: ${(error as Error).message}`);
        }
      };
      await attempt('models', async () => {
        const { serving } = await models.refresh();
        await attempt('map', () => map.refresh(serving));
      });
      await Promise.all([attempt('training', () => training.refresh()), attempt('traffic', () => traffic.refresh())]); // prettier-ignore
      status.textContent = failures.length
        ? failures.join(' · ')
        : `updated ${new Date().toLocaleTimeString()}`;
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed ?? 0) + 1);
    })().finally(() => (running = null)));
  void refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

function logOut(reason?: string): void {
  forgetKeys();
  sessionStorage.setItem('recsys.logoutReason', reason ?? '');
  location.reload();
}

/** Checks the read key (and the write key, if given) before keeping them. */
async function logIn(keys: Keys): Promise<void> {
  await new ApiClient(keys).get('/models');
  if (keys.write) await new ApiClient({ read: keys.write, write: null }).get('/models');
  saveKeys(keys);
  start(keys);
}

function main(): void {
  find(document, '#logout').addEventListener('click', () => logOut());
  const reason = sessionStorage.getItem('recsys.logoutReason');
  sessionStorage.removeItem('recsys.logoutReason');
  if (reason) find(document, '#login-error').textContent = reason;
  const keys = savedKeys();
  if (keys) return start(keys);
  const form = find<HTMLFormElement>(document, '#login');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const read = find<HTMLInputElement>(form, '#read-key').value.trim();
    const write = find<HTMLInputElement>(form, '#write-key').value.trim() || null;
    logIn({ read, write }).catch((error: unknown) => {
      find(document, '#login-error').textContent =
        error instanceof ApiError && error.status === 401
          ? 'unknown key'
          : (error as Error).message;
    });
  });
}

main();
