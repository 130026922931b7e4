import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@recsys/domain';
import { WORKER_BOOTSTRAP_SOURCE } from './worker-bootstrap';
import type { KernelPath } from '../trained-embeddings';
import type { EpochRequest, TrainWorkerData, WorkerReply } from './worker-protocol';

/** The worker module beside this file: .ts when this file runs as TypeScript (jest), else .js (dist). */
function workerEntry(): string {
  const extension = path.extname(__filename) === '.ts' ? '.ts' : '.js';
  return path.join(__dirname, `train-worker${extension}`);
}

/** One training worker, driven one request at a time. */
export class TrainWorkerHandle {
  private readonly worker: Worker;
  private pending: {
    resolve: (reply: WorkerReply) => void;
    reject: (error: Error) => void;
  } | null = null;
  private failure: Error | null = null;
  private readyPath: KernelPath | null = null;

  private constructor(data: Omit<TrainWorkerData, 'entry' | 'libsRoot'>) {
    const workerData: TrainWorkerData = {
      ...data,
      entry: workerEntry(),
      libsRoot: path.resolve(__dirname, '../../..'),
    };
    this.worker = new Worker(WORKER_BOOTSTRAP_SOURCE, { eval: true, workerData });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply, null));
    this.worker.on('error', (error) => this.settle(null, error));
    this.worker.on('exit', (code) => this.settle(null, new Error(`worker exited with ${code}`)));
  }

  /** Starts a worker and waits until it has built its trainer. */
  static async start(
    data: Omit<TrainWorkerData, 'entry' | 'libsRoot'>,
  ): Promise<TrainWorkerHandle> {
    const handle = new TrainWorkerHandle(data);
    const ready = await handle.next();
    if (ready.kind !== 'ready') throw new Error(`unexpected worker reply ${ready.kind}`);
    handle.readyPath = ready.path;
    return handle;
  }

  /** The kernels the worker's trainer runs, as its ready reply said. */
  get path(): KernelPath {
    if (this.readyPath === null) throw new Error('the worker has not said it is ready');
    return this.readyPath;
  }

  /** Runs one epoch slice and returns the worker's tally. */
  async runEpoch(request: EpochRequest): Promise<{ lossSum: number; tripletCount: number }> {
    const replyPromise = this.next();
    this.worker.postMessage(request);
    const reply = await replyPromise;
    if (reply.kind !== 'epoch') throw new Error(`unexpected worker reply ${reply.kind}`);
    return reply;
  }

  /** Stops the worker. */
  async terminate(): Promise<void> {
    this.failure = new Error('worker terminated');
    await this.worker.terminate();
  }

  private next(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  private settle(reply: WorkerReply | null, error: Error | null): void {
    const pending = this.pending;
    this.pending = null;
    if (reply?.kind === 'failed') error = new Error(reply.message);
    if (error) {
      this.failure ??= new DomainError('TRAINING_WORKER_FAILED', error.message);
      pending?.reject(this.failure);
    } else if (reply) {
      pending?.resolve(reply);
    }
  }
}
