import { parentPort, workerData } from 'node:worker_threads';
import { createThreadTrainer } from '../kernel/create-thread-trainer';
import type { EpochRequest, TrainWorkerData, WorkerReply } from './worker-protocol';

// A training worker: trains its slice of each epoch's order on the shared tables (Hogwild).
const setup = workerData as TrainWorkerData;
const port = parentPort!;
const reply = (message: WorkerReply): void => port.postMessage(message);
const trainer = createThreadTrainer(setup);

port.on('message', (request: EpochRequest) => {
  try {
    trainer.beginEpoch(request.epoch);
    trainer.run(setup.order.subarray(request.start, request.end));
    reply({ kind: 'epoch', ...trainer.tally() });
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
reply({ kind: 'ready', path: trainer.path });
