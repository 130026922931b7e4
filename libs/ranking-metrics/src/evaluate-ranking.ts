import { DomainError } from '@recsys/domain';
import { BlockScorer } from './block-scorer';
import { EmbeddingModel } from './embedding-model';
import { rankInWorkers } from './rank-in-workers';
import { rankTopK, RankingTask } from './rank-top-k';
import { RankingMetrics } from './ranking-metrics';
import { buildScoringTables, ScoringTables } from './scoring-tables';
import { userMetricsAtK } from './user-metrics';
import { UserItemSets } from './user-item-sets';

/** Users per task: small enough to balance two threads and report progress, big enough to amortise posting. */
const USERS_PER_TASK = 512;

/** What to evaluate: a model, each user's training items (left out of the ranking) and test items. */
export interface RankingEvaluationOptions {
  model: EmbeddingModel;
  train: UserItemSets;
  test: UserItemSets;
  k: number;
  /** Worker threads; 1 ranks on the calling thread. */
  threads?: number;
  /** Evaluate only these users (e.g. a seeded sample); default: every user with test items. */
  users?: Int32Array;
  onProgress?: (doneUsers: number, totalUsers: number) => void;
}

/**
 * Full-ranking evaluation: scores every item for each test user under the model's metric, drops the
 * user's training items, takes the top K and averages Recall, NDCG, Precision and MAP at K.
 */
export async function evaluateRanking(options: RankingEvaluationOptions): Promise<RankingMetrics> {
  const { model, k } = options;
  if (!Number.isInteger(k) || k < 1) throw new DomainError('INVALID_K', `k must be >= 1, got ${k}`);
  const modelUsers = model.userVectors.length / model.dim;
  const candidates = options.users ?? usersWithItems(options.test);
  const users = candidates.filter((u) => u < modelUsers && hasItems(options.test, u));
  const skippedUsers = candidates.filter(
    (u) => u >= modelUsers && hasItems(options.test, u),
  ).length;
  const threads = options.threads ?? 1;
  const tables = buildScoringTables(model, threads > 1);
  const tasks = buildTasks(tables, users, options);
  let done = 0;
  const onTaskDone = (taskIndex: number): void => {
    done += tasks[taskIndex].userVectors.length / model.dim;
    options.onProgress?.(done, users.length);
  };
  const ranked =
    threads > 1
      ? await rankInWorkers(tables, tasks, { threads, onTaskDone })
      : rankOnThisThread(tables, tasks, onTaskDone);
  return summarize({
    ranked,
    users,
    test: options.test,
    k,
    itemCount: tables.itemCount,
    skippedUsers,
  });
}

function rankOnThisThread(
  tables: ScoringTables,
  tasks: RankingTask[],
  onTaskDone: (taskIndex: number) => void,
): Int32Array[] {
  const scorer = new BlockScorer(tables);
  return tasks.map((task, index) => {
    const ranked = rankTopK(tables, task, scorer);
    onTaskDone(index);
    return ranked;
  });
}

function buildTasks(
  tables: ScoringTables,
  users: Int32Array,
  options: RankingEvaluationOptions,
): RankingTask[] {
  const { dim } = tables;
  const tasks: RankingTask[] = [];
  for (let first = 0; first < users.length; first += USERS_PER_TASK) {
    const slice = users.subarray(first, first + USERS_PER_TASK);
    const userVectors = new Float32Array(slice.length * dim);
    const excludeOffsets = new Int32Array(slice.length + 1);
    const excluded: number[] = [];
    slice.forEach((user, row) => {
      userVectors.set(tables.userVectors.subarray(user * dim, (user + 1) * dim), row * dim);
      forEachItem(options.train, user, (item) => {
        if (item < tables.itemCount) excluded.push(item);
      });
      excludeOffsets[row + 1] = excluded.length;
    });
    tasks.push({
      userVectors,
      excludeOffsets,
      excludeItems: Int32Array.from(excluded),
      k: options.k,
    });
  }
  return tasks;
}

interface RankedLists {
  ranked: Int32Array[];
  users: Int32Array;
  test: UserItemSets;
  k: number;
  itemCount: number;
  skippedUsers: number;
}

function summarize(lists: RankedLists): RankingMetrics {
  const { k, test, users } = lists;
  const totals = { recall: 0, ndcg: 0, precision: 0, map: 0 };
  const recommended = new Uint8Array(lists.itemCount);
  let index = 0;
  for (const block of lists.ranked) {
    for (let row = 0; row < block.length / k; row++, index++) {
      const top = block.subarray(row * k, (row + 1) * k);
      const user = users[index];
      const relevant = test.items.subarray(test.offsets[user], test.offsets[user + 1]);
      const metrics = userMetricsAtK(top, relevant, k);
      totals.recall += metrics.recall;
      totals.ndcg += metrics.ndcg;
      totals.precision += metrics.precision;
      totals.map += metrics.averagePrecision;
      for (const item of top) if (item >= 0) recommended[item] = 1;
    }
  }
  const count = Math.max(1, users.length);
  const covered = recommended.reduce((sum, flag) => sum + flag, 0);
  return {
    k,
    users: users.length,
    skippedUsers: lists.skippedUsers,
    recall: totals.recall / count,
    ndcg: totals.ndcg / count,
    precision: totals.precision / count,
    map: totals.map / count,
    coverage: lists.itemCount > 0 ? covered / lists.itemCount : 0,
  };
}

function usersWithItems(sets: UserItemSets): Int32Array {
  const users: number[] = [];
  for (let u = 0; u < sets.userCount; u++) if (hasItems(sets, u)) users.push(u);
  return Int32Array.from(users);
}

function hasItems(sets: UserItemSets, user: number): boolean {
  return user < sets.userCount && sets.offsets[user + 1] > sets.offsets[user];
}

function forEachItem(sets: UserItemSets, user: number, visit: (item: number) => void): void {
  if (user >= sets.userCount) return;
  for (let i = sets.offsets[user]; i < sets.offsets[user + 1]; i++) visit(sets.items[i]);
}
