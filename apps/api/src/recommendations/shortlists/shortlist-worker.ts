// Worker thread entry: computes every user's list (UserShortlists) on the index the api serves, at full
// speed on its own core, and posts them in chunks so the api can use each as soon as it arrives.
import { parentPort } from 'node:worker_threads';
import { computeUserShortlists, UserShortlists } from '@recsys/recommendations';
import { indexFromParts, runStepsNow } from '@recsys/vector-index';
import type { ShortlistRequest, ShortlistWorkerMessage } from './shortlist-worker-messages';

function reply(message: ShortlistWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.once('message', (request: ShortlistRequest) => {
  try {
    const { itemVectors, dim, metric } = request;
    const index = indexFromParts(request.index, { vectors: itemVectors, dim, metric });
    const source = { index, userVectors: request.userVectors, dim, seenItems: request.seenItems, itemCount: itemVectors.length / dim }; // prettier-ignore
    for (let first = 0; first < request.users; first += request.usersPerChunk) {
      const count = Math.min(request.usersPerChunk, request.users - first);
      const lists = runStepsNow(computeUserShortlists(source, new UserShortlists(count, request.size, first))); // prettier-ignore
      const parts = lists.toParts();
      reply({ kind: 'chunk', lists: parts }, [parts.items.buffer, parts.scores.buffer, parts.counts.buffer] as ArrayBuffer[]); // prettier-ignore
    }
    reply({ kind: 'done' });
  } catch (error) {
    reply({ kind: 'failed', message: (error as Error).message });
  }
});
reply({ kind: 'ready' });
