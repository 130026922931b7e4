// Worker thread entry: builds one vector index at full speed (no pauses: this thread serves no requests)
// and hands it back as transferable parts.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '@recsys/domain';
import { runStepsNow, toIndexParts, transferablesOf, vectorIndexSteps } from '@recsys/vector-index';
import type { IndexBuildRequest, IndexWorkerMessage } from './index-build-messages';

function reply(message: IndexWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.once('message', (request: IndexBuildRequest) => {
  try {
    const startMs = performance.now();
    const { vectors, dim, metric, options } = request;
    const parts = toIndexParts(runStepsNow(vectorIndexSteps(vectors, dim, metric, options)));
    reply({ kind: 'built', parts, buildMs: performance.now() - startMs }, transferablesOf(parts));
  } catch (error) {
    const { message } = error as Error;
    const coded = error instanceof DomainError ? { code: error.code, details: error.details } : {};
    reply({ kind: 'failed', message, ...coded });
  }
});
reply({ kind: 'ready' });
