// Worker thread entry: ranks the user slices it is sent against the shared item tables.
import { parentPort, workerData } from 'node:worker_threads';
import { BlockScorer } from './block-scorer';
import { rankTopK, RankingTask } from './rank-top-k';
import { ScoringTables } from './scoring-tables';

/** A task as posted to the worker, tagged so the answer can be matched. */
export interface RankingWorkerRequest {
  taskIndex: number;
  task: RankingTask;
}

/** The worker's answer: the top-K lists of the task, [userCount, k]. */
export interface RankingWorkerResponse {
  taskIndex: number;
  ranked: Int32Array;
}

const tables = (workerData as { tables: ScoringTables }).tables;
const scorer = new BlockScorer(tables);
parentPort?.on('message', (request: RankingWorkerRequest) => {
  const ranked = rankTopK(tables, request.task, scorer);
  const response: RankingWorkerResponse = { taskIndex: request.taskIndex, ranked };
  parentPort?.postMessage(response, [ranked.buffer as ArrayBuffer]);
});
