// The compiled `recsys` CLI (dist/, plain Node, no TypeScript hooks) trains with two Hogwild worker
// threads and the model learns planted taste clusters. Under jest the training workers load from .ts
// sources; this is the test of the other path: dist/…/train-worker.js found and started from compiled JS.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { plantedClusters, type PlantedClusters } from '@recsys/embedding-training';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const ITEMS = 600;
const K = 10;

jest.setTimeout(300_000);

/** LightGCN lines (`user item item ...`): the liked items for training, the held-out one for testing. */
function lightGcnFiles(planted: PlantedClusters): { train: string; test: string } {
  const { users, items } = planted.data.positives;
  const liked = Array.from({ length: planted.data.userCount }, () => [] as number[]);
  users.forEach((user, row) => liked[user].push(items[row]));
  return {
    train: liked.map((list, user) => `${user} ${list.join(' ')}`).join('\n'),
    test: liked.map((_, user) => `${user} ${planted.heldOut[user]}`).join('\n'),
  };
}

/** Runs `node bin/recsys.js ARGS` (the compiled CLI) and returns its stdout. */
async function recsys(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/recsys.js'), ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('training workers from the compiled dist/', () => {
  let dir: string;

  beforeAll(async () => {
    // Incremental: a few seconds when dist/ is fresh. RECSYS_E2E_SKIP_BUILD=1 skips it, as for e2e.
    if (process.env.RECSYS_E2E_SKIP_BUILD !== '1') {
      await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    }
    dir = await mkdtemp(path.join(tmpdir(), 'recsys-compiled-workers-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('trains with two worker threads and recovers the planted clusters', async () => {
    const planted = plantedClusters({
      userCount: 300,
      itemCount: ITEMS,
      clusterCount: 10,
      likesPerUser: 12,
      seed: 21,
    });
    const files = lightGcnFiles(planted);
    const [train, test, model] = ['train.txt', 'test.txt', 'model'].map((f) => path.join(dir, f));
    await writeFile(train, files.train);
    await writeFile(test, files.test);

    await recsys(
      ['train', '--input', train, '--format', 'lightgcn', '--out', model].concat([
        '--threads',
        '2',
        '--dim',
        '16',
        '--epochs',
        '20',
        '--quiet',
      ]),
    );
    const metadata = JSON.parse(await readFile(path.join(model, 'model.json'), 'utf8'));
    expect(metadata.trainingParams.threads).toBe(2);
    expect(metadata.epochs).toHaveLength(20);

    const evaluation = await recsys(
      ['eval', '--model', model, '--train', train, '--test', test].concat([
        '--format',
        'lightgcn',
        '--k',
        String(K),
        '--threads',
        '2',
      ]),
    );
    const summary = JSON.parse(evaluation.trim().split('\n').at(-1) ?? '{}');
    // Chance is K / 600; knowing the clusters gives about K / 48 (the rest is within-cluster luck).
    expect(summary[`recall@${K}`]).toBeGreaterThan(5 * (K / ITEMS));
  });
});
