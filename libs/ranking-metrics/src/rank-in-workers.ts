import { Worker } from 'node:worker_threads';
import { RankingTask } from './rank-top-k';
import type { RankingWorkerRequest, RankingWorkerResponse } from './ranking-worker';
import { ScoringTables } from './scoring-tables';
import { spawnLibWorker } from './spawn-lib-worker';

/** How to spread ranking tasks over worker threads. */
export interface WorkerPoolOptions {
  threads: number;
  /** Called after each finished task with its index. */
  onTaskDone?: (taskIndex: number) => void;
}

/**
 * Runs ranking tasks on `threads` worker threads, handing the next task to whichever worker is free
 * (a shared, noisy machine slows workers unevenly). Resolves with each task's top-K lists, in task order.
 */
export async function rankInWorkers(
  tables: ScoringTables,
  tasks: RankingTask[],
  options: WorkerPoolOptions,
): Promise<Int32Array[]> {
  const results: Int32Array[] = new Array<Int32Array>(tasks.length);
  const workerTables = { ...tables, userVectors: new Float32Array(0) };
  const workerCount = Math.max(1, Math.min(options.threads, tasks.length));
  const workers = Array.from({ length: workerCount }, () =>
    spawnLibWorker('ranking-worker', { tables: workerTables }),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < tasks.length) {
          const taskIndex = next++;
          results[taskIndex] = await runOnWorker(worker, { taskIndex, task: tasks[taskIndex] });
          options.onTaskDone?.(taskIndex);
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

function runOnWorker(worker: Worker, request: RankingWorkerRequest): Promise<Int32Array> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (response: RankingWorkerResponse): void => {
      cleanup();
      resolvePromise(response.ranked);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`ranking worker exited with code ${code}`));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}
