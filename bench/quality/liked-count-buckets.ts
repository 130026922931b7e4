// node bench/run.js bench/quality/liked-count-buckets.ts CACHE_FILE
// Recall@20 / NDCG@20 of a model cached by export-sweep.ts on the Gowalla 20% carve (`gowalla`), by the
// user's training liked count k: where a model wins or loses NDCG (light users hold one to three held-out
// items each). Cache the served tables with `export-sweep.ts gowalla CACHE --averaged
// --user-aggregation-mode train --variants none`.
import { evaluateRanking } from '@recsys/ranking-metrics';
import { loadGowallaCarveSets } from './gowalla-carve-sets';
import { loadModel } from './model-cache';

/** Upper bounds of the liked-count buckets (the last is open). */
const BUCKET_TOPS = [10, 15, 25, 50, 100, Infinity];

async function main(cacheFile: string | undefined): Promise<void> {
  if (!cacheFile) throw new Error('usage: liked-count-buckets.ts CACHE_FILE');
  const model = loadModel(cacheFile);
  const { table, split, train, test } = loadGowallaCarveSets();
  const liked = new Int32Array(table.userIds.length);
  for (const row of split.trainRows) liked[table.users[row]]++;
  let bottom = 0;
  for (const top of BUCKET_TOPS) {
    const users = Int32Array.from(liked.keys()).filter((u) => liked[u] > bottom && liked[u] <= top);
    const metrics = await evaluateRanking({ model, train, test, k: 20, threads: 2, users });
    const bucket = top === Infinity ? `${bottom + 1}+` : `${bottom + 1}-${top}`;
    process.stdout.write(
      `${JSON.stringify({ liked: bucket, users: users.length, recall: round(metrics.recall), ndcg: round(metrics.ndcg) })}\n`,
    );
    bottom = top;
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

void main(process.argv[2]);
