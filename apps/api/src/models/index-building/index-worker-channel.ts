import type { Worker } from 'node:worker_threads';
import type { IndexWorkerMessage } from './index-build-messages';

/**
 * The next message of `worker`, or a rejection if it fails (an error thrown at start-up or later) or
 * exits before sending one.
 */
export function nextWorkerMessage(worker: Worker): Promise<IndexWorkerMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: IndexWorkerMessage) => {
      cleanup();
      resolve(message);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the index worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
