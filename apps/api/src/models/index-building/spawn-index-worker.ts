import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '@recsys/worker-threads';

/** The worker script beside this file: `.js` when compiled (dist), `.ts` when run from sources (jest). */
export function indexWorkerEntry(): string {
  return join(__dirname, `index-build-worker${extname(__filename)}`);
}

/** Starts the index build worker thread (from dist, or from sources through the bootstrap). */
export function spawnIndexWorker(entry = indexWorkerEntry()): Worker {
  return spawnWorker(entry);
}
