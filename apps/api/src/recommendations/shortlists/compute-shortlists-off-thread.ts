import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { UserShortlists, type ServingModel } from '@recsys/recommendations';
import { toIndexParts, type VectorIndex } from '@recsys/vector-index';
import { shareVectors } from '../../models/index-building/share-vectors';
import { spawnIndexWorker } from '../../models/index-building/spawn-index-worker';
import type { ShortlistRequest, ShortlistWorkerMessage } from './shortlist-worker-messages';

// Lists posted per message: small enough that the first users are served from lists within a second.
const USERS_PER_CHUNK = 2_000;

/** A computation in progress: `done` settles when every list arrived, failed, or was cancelled. */
export interface ShortlistJob {
  done: Promise<void>;
  cancel(): void;
}

/** The worker script beside this file: `.js` when compiled (dist), `.ts` when run from sources (jest). */
function shortlistWorkerEntry(): string {
  return join(__dirname, `shortlist-worker${extname(__filename)}`);
}

/**
 * Computes `lists` (attached to `model` by the caller) on a worker thread over the model's own index
 * (shared, not rebuilt), copying each chunk in as it arrives. Rejects if the worker cannot start or fails.
 */
export function computeShortlistsOffThread(
  model: ServingModel,
  lists: UserShortlists,
  spawn: () => Worker = () => spawnIndexWorker(shortlistWorkerEntry()),
): ShortlistJob {
  let worker: Worker | null = null;
  let cancelled = false;
  const done = (async () => {
    // The api's models carry indexes of @recsys/vector-index (toIndexParts rejects any other).
    const index = toIndexParts(model.index as VectorIndex);
    worker = spawn();
    const messages = messagesOf(worker);
    await expectMessage(messages, 'ready');
    const { snapshot } = model;
    const request: ShortlistRequest = {
      index,
      itemVectors: await shareVectors(snapshot.itemVectors),
      userVectors: await shareVectors(snapshot.userVectors),
      metric: snapshot.metadata.metric,
      dim: snapshot.metadata.dim,
      seenItems: snapshot.seenItems,
      users: lists.userCount,
      size: lists.size,
      usersPerChunk: USERS_PER_CHUNK,
    };
    if (cancelled) return;
    worker.postMessage(request);
    for (;;) {
      const message = await messages.next();
      if (message.kind === 'chunk') lists.copyFrom(UserShortlists.fromParts(message.lists));
      else if (message.kind === 'done') return;
      else
        throw new Error(message.kind === 'failed' ? message.message : `unexpected ${message.kind}`);
    }
  })().finally(() => void worker?.terminate());
  return {
    done,
    cancel() {
      cancelled = true;
      void worker?.terminate();
    },
  };
}

/** The worker's messages in order; rejects once it errs or exits. */
function messagesOf(worker: Worker): { next(): Promise<ShortlistWorkerMessage> } {
  const queued: ShortlistWorkerMessage[] = [];
  let waiting: { resolve: (m: ShortlistWorkerMessage) => void; reject: (e: Error) => void } | null = null; // prettier-ignore
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (message: ShortlistWorkerMessage) => {
    if (waiting) waiting.resolve(message);
    else queued.push(message);
    waiting = null;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the shortlist worker exited with code ${code}`)));
  return {
    next() {
      const message = queued.shift();
      if (message) return Promise.resolve(message);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
  };
}

async function expectMessage(messages: { next(): Promise<ShortlistWorkerMessage> }, kind: 'ready') {
  const message = await messages.next();
  if (message.kind !== kind)
    throw new Error(`the shortlist worker sent ${message.kind} before ${kind}`);
}
