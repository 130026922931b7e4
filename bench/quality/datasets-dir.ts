import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared data sets: $RECSYS_DATASETS_DIR, else `../shared/datasets` next to the repository. */
export function datasetsDir(): string {
  const fromEnv = process.env.RECSYS_DATASETS_DIR;
  return fromEnv ? resolve(fromEnv) : resolve(__dirname, '..', '..', '..', 'shared', 'datasets');
}

/** The path of `relative` under the data sets directory, or undefined when the file is absent. */
export function findDatasetFile(relative: string): string | undefined {
  const path = join(datasetsDir(), relative);
  return existsSync(path) ? path : undefined;
}
