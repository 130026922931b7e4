import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';
import { CliIo } from './cli-io';

/** One line of `recsys recommend`. */
interface RecommendationLine {
  userId: string;
  items: { itemId: string; score: number }[];
}

function jsonLines(text: string): RecommendationLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RecommendationLine);
}

/** Captures what a command prints. */
function captureIo(): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  let clock = 0;
  return {
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    nowMs: () => (clock += 5),
    now: () => new Date('2026-12-01T12:00:00Z'),
    cpuCount: 1,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/**
 * A planted-structure data set in MovieLens format: 2 taste groups of 12 users; each user rates 8 of
 * the 12 items of its group 5 stars; the other 4 go to the test file.
 */
function plantedRatings(): { train: string; test: string } {
  const train: string[] = [];
  const test: string[] = [];
  for (let user = 0; user < 24; user++) {
    const group = user % 2;
    for (let slot = 0; slot < 12; slot++) {
      const item = group * 12 + ((slot + user) % 12);
      (slot < 8 ? train : test).push(`u${user}\titem${item}\t5\t${slot}`);
    }
  }
  return { train: train.join('\n'), test: test.join('\n') };
}

describe('recsys CLI', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recsys-cli-'));
    const { train, test } = plantedRatings();
    await writeFile(join(directory, 'train.data'), train);
    await writeFile(join(directory, 'test.data'), test);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  let model: string;
  let trainIo: ReturnType<typeof captureIo>;
  beforeAll(async () => {
    model = join(directory, 'model');
    trainIo = captureIo();
    const trainArgs = ['train', '--input', join(directory, 'train.data'), '--format', 'movielens'];
    const options = [
      '--out',
      model,
      '--dim',
      '8',
      '--epochs',
      '15',
      '--threads',
      '1',
      '--seed',
      '3',
    ];
    expect(await runCli([...trainArgs, ...options], trainIo)).toBe(0);
  });

  it('trains, exports and evaluates a model that learns planted tastes', async () => {
    expect(trainIo.out()).toContain('24 x 24');
    expect(trainIo.err()).toContain('training [');
    const metadata = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    expect(metadata).toMatchObject({ dim: 8, metric: 'neg-l2', userCount: 24, itemCount: 24 });
    // 24 items: the small-catalogue defaults, which the composed kernels train
    expect(metadata.trainingPath).toBe('composed');
    expect(trainIo.out()).toMatch(/training path\s+composed/);
    expect(metadata.trainingParams).toMatchObject({ epochs: 15, seed: 3, dim: 8 });
    const userIds = (await readFile(join(model, 'user_ids.txt'), 'utf8')).split('\n');
    expect(userIds.slice(0, 3)).toEqual(['u0', 'u1', 'u2']);
    expect((await readFile(join(model, 'item_vectors.f32'))).length).toBe(24 * 8 * 4);

    const evalIo = captureIo();
    const evalArgs = ['eval', '--model', model, '--train', join(directory, 'train.data')];
    const evalOptions = [
      '--test',
      join(directory, 'test.data'),
      '--format',
      'movielens',
      '--k',
      '4',
    ];
    expect(await runCli([...evalArgs, ...evalOptions, '--threads', '1'], evalIo)).toBe(0);
    const lines = evalIo.out().trim().split('\n');
    expect(lines[0]).toMatch(/^recall@4\s+\d\.\d{4}$/);
    const metrics = JSON.parse(lines[lines.length - 1]);
    // Random ranking of the 16 unseen items would give recall@4 = 0.25; planted tastes give far more.
    expect(metrics['recall@4']).toBeGreaterThan(0.6);
    expect(metrics.users).toBe(24);
  });

  it('exports what each user interacted with and the items by likes', async () => {
    const metadata = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    expect(metadata.interactions).toEqual({
      seenOffsetsFile: 'seen_offsets.i32',
      seenItemsFile: 'seen_items.i32',
      popularItemsFile: 'popular_items.i32',
    });
    expect((await stat(join(model, 'seen_offsets.i32'))).size).toBe(25 * 4);
    expect((await stat(join(model, 'seen_items.i32'))).size).toBe(24 * 8 * 4);
    expect((await stat(join(model, 'popular_items.i32'))).size).toBe(24 * 4);
  });

  it('recommends K unseen items per user as JSON lines, mostly from the planted taste group', async () => {
    const out = join(directory, 'recs.jsonl');
    const io = captureIo();
    const args = ['recommend', '--model', model, '--users', 'all', '--k', '3', '--out', out];
    expect(await runCli(args, io)).toBe(0);
    expect(io.out()).toMatch(/users written\s+24/);
    expect(io.err()).toContain('users [');
    const lines = jsonLines(await readFile(out, 'utf8'));
    expect(lines).toHaveLength(24);
    const { train } = plantedRatings();
    const trainPairs = new Set(
      train.split('\n').map((row) => row.split('\t').slice(0, 2).join(' ')),
    );
    let inGroup = 0;
    for (const { userId, items } of lines) {
      expect(items).toHaveLength(3);
      expect(items[0].score).toBeGreaterThanOrEqual(items[2].score);
      const group = Number(userId.slice(1)) % 2;
      for (const { itemId } of items) {
        expect(trainPairs.has(`${userId} ${itemId}`)).toBe(false);
        if (Math.floor(Number(itemId.slice(4)) / 12) === group) inGroup++;
      }
    }
    // 4 unseen items of the user's own group against 12 of the other: random picks hit 25%.
    expect(inGroup / (24 * 3)).toBeGreaterThan(0.6);
  });

  it('recommends for listed users, skipping unknown ones, and keeps seen items on request', async () => {
    const users = join(directory, 'users.txt');
    await writeFile(users, 'u3\n\nnobody\nu4\n');
    const out = join(directory, 'listed.jsonl');
    const io = captureIo();
    const args = ['recommend', '--model', model, '--users', users, '--k', '24', '--out', out];
    expect(await runCli([...args, '--include-seen', '--quiet'], io)).toBe(0);
    expect(io.out()).toMatch(/unknown users skipped\s+1/);
    expect(io.err()).toBe('');
    const lines = jsonLines(await readFile(out, 'utf8'));
    expect(lines.map((line) => line.userId)).toEqual(['u3', 'u4']);
    expect(lines[0].items).toHaveLength(24);
  });

  it('takes the seen items of an older export (without interaction files) from --input', async () => {
    const old = join(directory, 'old-model');
    await cp(model, old, { recursive: true });
    const metadata = JSON.parse(await readFile(join(old, 'model.json'), 'utf8'));
    delete metadata.interactions;
    await writeFile(join(old, 'model.json'), JSON.stringify(metadata));
    const out = join(directory, 'old.jsonl');
    const base = [
      'recommend',
      '--model',
      old,
      '--users',
      'all',
      '--k',
      '20',
      '--out',
      out,
      '--quiet',
    ];
    const { train } = plantedRatings();
    const seenOf = (userId: string) => new Set(train.split('\n').filter((row) => row.startsWith(`${userId}\t`)).map((row) => row.split('\t')[1])); // prettier-ignore
    const seenShare = async (): Promise<number> => {
      const lines = jsonLines(await readFile(out, 'utf8'));
      const hits = lines.flatMap(({ userId, items }) => items.filter((item) => seenOf(userId).has(item.itemId))); // prettier-ignore
      return hits.length / (lines.length * 20);
    };

    const withoutIo = captureIo();
    expect(await runCli(base, withoutIo)).toBe(0);
    expect(withoutIo.err()).toContain('seen items are not left out');
    // 20 of 24 items per user: at least 4 of the 8 seen ones must be in the list.
    expect(await seenShare()).toBeGreaterThanOrEqual(4 / 20);

    const withIo = captureIo();
    const input = ['--input', join(directory, 'train.data'), '--format', 'movielens'];
    expect(await runCli([...base, ...input], withIo)).toBe(0);
    expect(withIo.err()).toBe('');
    expect(await seenShare()).toBe(0);
  });

  it('checks --out before training and names the path', async () => {
    const blocker = join(directory, 'a-file');
    await writeFile(blocker, 'x');
    const io = captureIo();
    const args = ['train', '--input', join(directory, 'train.data'), '--format', 'movielens'];
    expect(await runCli([...args, '--out', join(blocker, 'model')], io)).toBe(2);
    expect(io.err()).toBe(`recsys train: --out ${join(blocker, 'model')}: a file is in the way\n`);
    const recommend = ['recommend', '--model', model, '--users', 'all', '--out', directory];
    const recommendIo = captureIo();
    expect(await runCli(recommend, recommendIo)).toBe(2);
    expect(recommendIo.err()).toContain(`--out ${directory}: is a directory`);
  });

  it('trains with early stopping and records the validation in model.json', async () => {
    const model = join(directory, 'stopped');
    const args = [
      'train',
      '--input',
      join(directory, 'train.data'),
      '--format',
      'movielens',
      '--out',
      model,
    ];
    const options = [
      '--dim',
      '8',
      '--epochs',
      '6',
      '--threads',
      '1',
      '--validation',
      '0.25',
      '--val-k',
      '4',
      '--quiet',
    ];
    const io = captureIo();
    expect(await runCli([...args, ...options], io)).toBe(0);
    expect(io.err()).toBe('');
    const metadata = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    expect(metadata.validation.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(metadata.validation.metrics['ndcg@4']).toBeGreaterThan(0);
  });

  it.each([
    [['train', '--format', 'movielens', '--out', 'x'], '--input is required'],
    [
      ['train', '--input', 'missing.txt', '--format', 'movielens', '--out', 'x'],
      '--input missing.txt: no such file',
    ],
    [
      ['train', '--input', 'f', '--format', 'parquet', '--out', 'x'],
      '--format must be one of movielens, lightgcn, events-csv',
    ],
    [
      ['train', '--input', 'f', '--format', 'lightgcn', '--out', 'x', '--epochs', '0'],
      '--epochs must be an integer in 1..1000',
    ],
    [
      ['eval', '--model', 'nowhere', '--train', 'a', '--test', 'b', '--format', 'lightgcn'],
      '--model nowhere: missing',
    ],
    [['fly'], 'unknown command "fly"'],
    [
      ['train', '--input', 'a', '--input', 'b', '--format', 'lightgcn', '--out', 'x'],
      '--input is given more than once',
    ],
    [
      ['publish', '--model', 'm', '--redis-url', 'http://x'],
      '--redis-url must start with redis://',
    ],
    [['publish', '--model', 'm', '--input', 'f'], '--format is required with --input'],
    [['recommend', '--model', 'm', '--users', 'all'], '--out is required'],
  ])('exits with status 2 and names the problem for %j', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toContain(message);
  });

  it('names the file and line of malformed input', async () => {
    const bad = join(directory, 'bad.data');
    await writeFile(bad, 'u1\ti1\t5\t1\nu2\ti2\n');
    const io = captureIo();
    const status = await runCli(
      ['train', '--input', bad, '--format', 'movielens', '--out', join(directory, 'o')],
      io,
    );
    expect(status).toBe(2);
    expect(io.err()).toContain(`--input ${bad}: movielens line 2: expected 4 fields, found 2`);
  });

  it('prints help for the CLI and each command', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(await runCli(['train', '--help'], io)).toBe(0);
    expect(await runCli(['eval', '--help'], io)).toBe(0);
    for (const command of ['publish', 'recommend', 'import']) {
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.out()).toContain(`Usage: recsys ${command} [options]`);
    }
    expect(io.out()).toContain('--users FILE|all');
    expect(io.out()).toContain('--to http|kafka');
    expect(io.out()).toContain('Usage: recsys <command>');
    expect(io.out()).toContain('--negative-mix uniform=1,hardest=1');
    expect(io.out()).toContain('--k N');
  });
});
