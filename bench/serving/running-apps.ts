import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { AppProcess } from './app-process';
import type { CleanupStack } from './cleanup-stack';
import { freePort } from './free-port';
import { waitUntil } from './wait-until';

/** The key the benchmarks send as `x-api-key` (read and write). */
export const BENCH_API_KEY = 'bench-serving-key';

const ROOT = path.resolve(__dirname, '..', '..');
// The benchmarks measure the service, not the rate limiter: far above what one load generator sends.
const UNLIMITED_RATE = '100000000';

/** Compiles the apps (`npm run build`, incremental) so the benchmark runs the current sources. */
export function buildApps(): void {
  process.stderr.write('building the apps (npm run build)...\n');
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    // tsc emits despite type errors but `&&` then skips tsc-alias, leaving dist/ requiring @recsys/*
    // paths that do not resolve: finish the aliasing so dist/ stays runnable for everyone using it.
    execFileSync('npx', ['tsc-alias', '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    throw new Error('npm run build failed (see above); `--build 0` runs the apps already in dist/');
  }
}

/** A compiled api process on a free port, and what the benchmarks ask it. */
export interface RunningApi {
  baseUrl: string;
  process: AppProcess;
  /** The version the api answers from (`GET /models` field `serving`). */
  servingVersion(): Promise<string | null>;
  /** Polls `/models` until every user of the serving model has its precomputed list; returns when it did. */
  waitUntilShortlisted(options: { timeoutMs: number }): Promise<number>;
  /** Polls `/models` every `intervalMs` until the api serves `version`; returns when it first did. */
  waitUntilServing(version: string, options: { timeoutMs: number; intervalMs?: number }): Promise<number>; // prettier-ignore
}

/** Starts `dist/apps/api` on `env` and waits (up to `startTimeoutMs`) until it listens. */
export async function startApi(options: {
  env: Record<string, string>;
  cleanup: CleanupStack;
  startTimeoutMs: number;
}): Promise<RunningApi> {
  const port = await freePort();
  const app = startApp('api', options.cleanup, {
    ...options.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    API_READ_KEYS: BENCH_API_KEY,
    API_WRITE_KEYS: BENCH_API_KEY,
    RATE_LIMIT_PER_SECOND: UNLIMITED_RATE,
    RATE_LIMIT_BURST: UNLIMITED_RATE,
  });
  await app.waitForLog(/listening on/, options.startTimeoutMs);
  const baseUrl = `http://127.0.0.1:${port}`;
  const servingVersion = async () => {
    const response = await fetch(`${baseUrl}/models`, { headers: { 'x-api-key': BENCH_API_KEY } });
    if (!response.ok) throw new Error(`GET /models answered ${response.status}`);
    return ((await response.json()) as { serving: string | null }).serving;
  };
  const shortlistProgress = async () => {
    const response = await fetch(`${baseUrl}/models`, { headers: { 'x-api-key': BENCH_API_KEY } });
    if (!response.ok) throw new Error(`GET /models answered ${response.status}`);
    return ((await response.json()) as { shortlists: { computed: number; users: number } | null }).shortlists; // prettier-ignore
  };
  return {
    baseUrl,
    process: app,
    servingVersion,
    async waitUntilShortlisted(wait) {
      await waitUntil(
        async () => {
          const progress = await shortlistProgress();
          return progress !== null && progress.computed === progress.users;
        },
        { timeoutMs: wait.timeoutMs, intervalMs: 500, what: 'the per-user lists', details: () => app.logs }, // prettier-ignore
      );
      return performance.now();
    },
    async waitUntilServing(version, wait) {
      await waitUntil(async () => (await servingVersion()) === version, {
        timeoutMs: wait.timeoutMs,
        intervalMs: wait.intervalMs ?? 200,
        what: `the api to serve model ${version}`,
        details: () => app.logs,
      });
      return performance.now();
    },
  };
}

/** Starts the ingestor on `env` and waits until it consumes. */
export async function startIngestor(options: {
  env: Record<string, string>;
  cleanup: CleanupStack;
  startTimeoutMs: number;
}): Promise<AppProcess> {
  const app = startApp('ingestor', options.cleanup, options.env);
  await app.waitForLog(/consuming interaction events/, options.startTimeoutMs);
  return app;
}

function startApp(name: AppProcess['name'], cleanup: CleanupStack, env: Record<string, string>) {
  const app = new AppProcess(name, env);
  cleanup.adopt(app.child);
  cleanup.defer(`the ${name} process`, () => app.stop());
  return app;
}
