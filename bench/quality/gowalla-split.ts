import { InteractionTable } from '@recsys/datasets';
import { RowSplit, splitStratified } from '@recsys/ranking-metrics';

/** Share of each user's train.txt items held out as the Gowalla validation set. */
export const GOWALLA_HELD_OUT_RATIO = 0.1;

/** The bench's Gowalla split: 10% of each user's items held out, seeded. */
export function splitGowalla(table: InteractionTable, splitSeed: number): RowSplit {
  const users = { users: table.users, userCount: table.userIds.length };
  return splitStratified(users, { testRatio: GOWALLA_HELD_OUT_RATIO, seed: splitSeed });
}
