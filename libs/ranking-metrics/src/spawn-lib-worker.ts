import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '@recsys/worker-threads';

/**
 * Starts `<name>.js` (compiled) or `<name>.ts` (sources) from this lib's folder as a worker thread.
 * `data` arrives as `workerData`; typed arrays on SharedArrayBuffers are shared, not copied.
 */
export function spawnLibWorker(name: string, data: Record<string, unknown>): Worker {
  return spawnWorker(join(__dirname, `${name}${extname(__filename)}`), data);
}
