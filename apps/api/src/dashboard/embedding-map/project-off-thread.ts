import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '@recsys/worker-threads';
import type { PlaneBasis } from './pca-2d';
import type { ProjectionReply, ProjectionRequest } from './projection-messages';

/** The worker script beside this file: `.js` when compiled (dist), `.ts` when run from sources (jest). */
function projectionWorkerEntry(): string {
  return join(__dirname, `projection-worker${extname(__filename)}`);
}

/**
 * The principal plane of `request.vectors` and their coordinates on it, computed on a worker thread of its
 * own (one per map: a new model version's map is rare). Rejects if the worker fails or exits early.
 */
export function projectOffThread(
  request: ProjectionRequest,
  spawn: (data: ProjectionRequest) => Worker = (data) =>
    spawnWorker(projectionWorkerEntry(), { ...data }),
): Promise<{ basis: PlaneBasis; x: Float64Array; y: Float64Array }> {
  return new Promise((resolve, reject) => {
    const worker = spawn(request);
    worker.once('message', (reply: ProjectionReply) => {
      void worker.terminate();
      if (reply.kind === 'done') resolve(reply);
      else reject(new Error(`projection worker: ${reply.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the projection worker exited with code ${code} before answering`)),
    );
  });
}
