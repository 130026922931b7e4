import type { Worker } from 'node:worker_threads';
import { DomainError } from '@recsys/domain';
import {
  buildVectorIndex,
  chooseIndexKind,
  indexFromParts,
  planIndexShards,
  type BuildVectorIndexOptions,
  type IndexParts,
  type IndexShardPlan,
  type VectorIndex,
  type VectorMetric,
} from '@recsys/vector-index';
import type { IndexBuildRequest, IndexWorkerMessage } from './index-build-messages';
import { shareVectors } from './share-vectors';
import { spawnIndexWorker } from './spawn-index-worker';

export interface OffThreadIndexBuild {
  /** [rows, dim], the vectors the index will search (kept by the caller; not modified). */
  vectors: Float32Array;
  dim: number;
  metric: VectorMetric;
  /** `buildThreads`: worker threads for an IVF build, one shard each (default 1; see planIndexShards). */
  options: Omit<BuildVectorIndexOptions, 'pause'> & { buildThreads?: number };
  /** Told how the index is built: in workers (and how long it took), or here and why. */
  log?: (message: string) => void;
  /** Starts a worker thread; the default runs index-build-worker beside this file. */
  spawn?: () => Worker;
}

/**
 * Builds the serving index on worker threads, so the build uses other cores and never holds up the
 * request thread; the result is rebuilt here from its parts without a copy. Exact indexes (milliseconds
 * to build) are made here. If a worker cannot start, the build runs here in slices between requests, as
 * before; a build that fails in a worker rejects (the caller keeps serving the previous model).
 */
export async function buildIndexOffThread(build: OffThreadIndexBuild): Promise<VectorIndex> {
  const { vectors, dim, metric, options } = build;
  const startMs = performance.now();
  const log = build.log ?? (() => undefined);
  const rows = vectors.length / dim;
  const kind = Number.isInteger(rows) ? chooseIndexKind(rows, options) : 'exact';
  if (kind === 'exact') return buildVectorIndex(vectors, dim, metric, options);
  const plan = planIndexShards(rows, options, options.buildThreads ?? 1);
  log(`building a ${kind} index of ${rows} rows in ${plan.length} worker thread(s)`);
  const workers = await startWorkers(plan.length, { vectors, spawn: build.spawn ?? spawnIndexWorker, log }); // prettier-ignore
  if (!workers) return buildVectorIndex(vectors, dim, metric, options);
  try {
    const built = await Promise.all(
      plan.map((shard, i) => requestBuild(workers.threads[i], shardRequest(workers.shared, { dim, metric, shard }))), // prettier-ignore
    );
    const parts: IndexParts =
      plan.length === 1
        ? built[0].parts
        : { kind: 'sharded', metric, dim, shards: plan.map((shard, i) => ({ start: shard.start, parts: built[i].parts })) }; // prettier-ignore
    const index = indexFromParts(parts, { vectors, dim, metric });
    const workerMs = Math.round(Math.max(...built.map((shard) => shard.buildMs)));
    log(`${kind} index built in ${Math.round(performance.now() - startMs)} ms (${workerMs} ms in the workers)`); // prettier-ignore
    return index;
  } finally {
    workers.threads.forEach((worker) => void worker.terminate());
  }
}

/**
 * `count` ready workers and the vectors in shared memory (copied while the workers boot); null, with
 * every started worker stopped, if one of them cannot start.
 */
async function startWorkers(
  count: number,
  context: { vectors: Float32Array; spawn: () => Worker; log: (message: string) => void },
): Promise<{ threads: Worker[]; shared: Float32Array } | null> {
  // Outcomes, not instanceof checks: an error from another thread may come from another realm.
  const starting = Array.from({ length: count }, () =>
    startWorker(context.spawn).then(
      (worker) => ({ worker, error: null }),
      (error: Error) => ({ worker: null, error }),
    ),
  );
  const stopAll = async () => (await Promise.all(starting)).forEach(({ worker }) => void worker?.terminate()); // prettier-ignore
  const shared = await shareVectors(context.vectors).catch(async (error: Error) => {
    await stopAll();
    throw error;
  });
  const started = await Promise.all(starting);
  const failure = started.find(({ error }) => error !== null)?.error;
  if (!failure) return { threads: started.map(({ worker }) => worker as Worker), shared };
  context.log(`no index worker (${failure.message}): building on the request thread`);
  await stopAll();
  return null;
}

/** The request for one shard: its rows of the shared vectors (a view: nothing is copied). */
function shardRequest(
  shared: Float32Array,
  shard: { dim: number; metric: VectorMetric; shard: IndexShardPlan },
): IndexBuildRequest {
  const { dim, metric } = shard;
  const { start, rows, options } = shard.shard;
  return { vectors: shared.subarray(start * dim, (start + rows) * dim), dim, metric, options };
}

/** Sends the build to a ready worker and waits for the parts; a failure there rejects here. */
async function requestBuild(
  worker: Worker,
  request: IndexBuildRequest,
): Promise<{ parts: IndexParts; buildMs: number }> {
  const replied = nextWorkerMessage(worker);
  worker.postMessage(request);
  const message = await replied;
  if (message.kind === 'failed') {
    throw new DomainError(message.code ?? 'INDEX_BUILD_FAILED', message.message, message.details);
  }
  if (message.kind !== 'built') throw new Error(`unexpected index worker message ${message.kind}`);
  return message;
}

/** A started worker that said it is ready; rejects if it cannot start. */
async function startWorker(spawn: () => Worker): Promise<Worker> {
  const worker = spawn();
  // An api shutting down during a build does not wait for it.
  worker.unref();
  try {
    const message = await nextWorkerMessage(worker);
    if (message.kind !== 'ready') throw new Error(`unexpected first message ${message.kind}`);
    return worker;
  } catch (error) {
    void worker.terminate();
    throw error;
  }
}

/**
 * The next message of `worker`, or a rejection if it fails (an error thrown at start-up or later) or
 * exits before sending one.
 */
function nextWorkerMessage(worker: Worker): Promise<IndexWorkerMessage> {
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
