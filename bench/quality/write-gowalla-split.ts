// node bench/run.js bench/quality/write-gowalla-split.ts OUT_DIR [SPLIT_SEED] [CARVE]: writes
// bench:quality gowalla's split (the 20% carve unless CARVE names another, e.g. carve5) of train.txt as
// OUT_DIR/train.txt and OUT_DIR/validation.txt (LightGCN format), so
// `recsys train` + `recsys eval` can be checked against the bench on the same rows. Keep OUT_DIR outside
// the repository (e.g. /tmp): the data set must not be committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteractionTable, parseLightGcn } from '@recsys/datasets';
import { datasetsDir, findDatasetFile } from './datasets-dir';
import { GOWALLA_CARVES, GowallaCarve, splitGowalla } from './gowalla-split';

/** One LightGCN line per user with rows in `rows`: `user item item ...` (original ids). */
function lightGcnLines(table: InteractionTable, rows: Int32Array): string {
  const lists = table.userIds.map(() => [] as string[]);
  for (const row of rows) lists[table.users[row]].push(table.itemIds[table.items[row]]);
  const lines = lists.flatMap((items, user) =>
    items.length > 0 ? [`${table.userIds[user]} ${items.join(' ')}`] : [],
  );
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  const [outDir, seedText = '42', carveText = 'carve20'] = argv;
  const path = findDatasetFile('gowalla-lightgcn/train.txt');
  const splitSeed = Number(seedText);
  if (
    !outDir ||
    !path ||
    !Number.isInteger(splitSeed) ||
    !Object.hasOwn(GOWALLA_CARVES, carveText)
  ) {
    const carves = Object.keys(GOWALLA_CARVES).join(' | ');
    process.stderr.write(
      `usage: write-gowalla-split.ts OUT_DIR [SPLIT_SEED] [${carves}] (train.txt under ${datasetsDir()})\n`,
    );
    return 2;
  }
  const table = parseLightGcn(readFileSync(path, 'utf8'));
  const carve = carveText as GowallaCarve;
  const split = splitGowalla(table, splitSeed, carve);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'train.txt'), lightGcnLines(table, split.trainRows));
  writeFileSync(join(outDir, 'validation.txt'), lightGcnLines(table, split.testRows));
  process.stdout.write(
    `${outDir}: train.txt ${split.trainRows.length} rows, validation.txt ${split.testRows.length} rows\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
