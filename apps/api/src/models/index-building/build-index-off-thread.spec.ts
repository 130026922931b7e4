import { Worker } from 'node:worker_threads';
import { DomainError } from '@recsys/domain';
import {
  buildIvfIndexSteps,
  buildVectorIndex,
  clusteredVectors,
  HnswVectorIndex,
  IvfVectorIndex,
  MIN_SHARD_ROWS,
  planIndexShards,
  runStepsNow,
  ShardedVectorIndex,
} from '@recsys/vector-index';
import { buildIndexOffThread } from './build-index-off-thread';

const DIM = 16;
const ROWS = 3_000;
const vectors = clusteredVectors({ rows: ROWS, dim: DIM, clusterCount: 30, spread: 0.5, seed: 4 });
const queries = clusteredVectors({ rows: 20, dim: DIM, clusterCount: 30, spread: 0.5, seed: 5 });
const query = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);
const options = { exactBelow: 1_000, seed: 3 };

/** A worker that runs `source` (CommonJS, with parentPort in scope) instead of the index build. */
const fakeWorker = (source: string) => () =>
  new Worker(`const { parentPort } = require('node:worker_threads');\n${source}`, { eval: true });

describe('buildIndexOffThread', () => {
  jest.setTimeout(60_000);

  it('builds in a worker thread an index that answers exactly like one built here', async () => {
    const log: string[] = [];
    const before = vectors.slice();
    const built = await buildIndexOffThread({ vectors, dim: DIM, metric: 'neg-l2', options, log: (m) => log.push(m) }); // prettier-ignore
    const here = await buildVectorIndex(vectors, DIM, 'neg-l2', options);
    expect(built).toBeInstanceOf(HnswVectorIndex);
    expect(log).toEqual([
      'building a hnsw index of 3000 rows in 1 worker thread(s)',
      expect.stringMatching(/^hnsw index built in \d+ ms \(\d+ ms in the workers\)$/),
    ]);
    for (let q = 0; q < 20; q++)
      expect(built.search(query(q), 10)).toEqual(here.search(query(q), 10));
    expect(vectors).toEqual(before);
  });

  it('builds IVF in the worker when asked, and searches the caller’s vectors', async () => {
    const built = await buildIndexOffThread({ vectors, dim: DIM, metric: 'dot', options: { ...options, algorithm: 'ivf' } }); // prettier-ignore
    expect(built).toBeInstanceOf(IvfVectorIndex);
    const hits = built.search(query(0), 5, (row) => row % 2 === 0);
    expect(hits).toHaveLength(5);
    expect(hits.every((hit) => hit.index % 2 === 1)).toBe(true);
  });

  it('builds a big IVF as shards on several workers, answering like the same shards built here', async () => {
    const rows = 2 * MIN_SHARD_ROWS;
    const big = clusteredVectors({ rows, dim: 4, clusterCount: 200, spread: 0.2, seed: 9 });
    const sharding = { ...options, algorithm: 'ivf' as const };
    const log: string[] = [];
    const built = await buildIndexOffThread({ vectors: big, dim: 4, metric: 'neg-l2', options: { ...sharding, buildThreads: 3 }, log: (m) => log.push(m) }); // prettier-ignore
    expect(log[0]).toBe(`building a ivf index of ${rows} rows in 2 worker thread(s)`);
    expect(built).toBeInstanceOf(ShardedVectorIndex);
    const shards = planIndexShards(rows, sharding, 2).map(
      ({ start, rows: count, options: shard }) => {
        const table = { vectors: big.subarray(start * 4, (start + count) * 4), dim: 4, metric: 'neg-l2' as const }; // prettier-ignore
        return { start, index: runStepsNow(buildIvfIndexSteps(table, { ...shard.ivf, seed: shard.seed ?? 1 })) }; // prettier-ignore
      },
    );
    const here = new ShardedVectorIndex(shards);
    const exclude = (row: number) => row % 3 === 0;
    for (let q = 0; q < 20; q++) {
      const query = big.subarray(q * 9_999 * 4, q * 9_999 * 4 + 4);
      expect(built.search(query, 10, exclude)).toEqual(here.search(query, 10, exclude));
    }
  });

  it('builds exact indexes here without starting a worker', async () => {
    const spawn = jest.fn(fakeWorker(''));
    const built = await buildIndexOffThread({ vectors, dim: DIM, metric: 'cosine', options: { exactBelow: 5_000 }, spawn }); // prettier-ignore
    expect(spawn).not.toHaveBeenCalled();
    expect(built.search(vectors.subarray(7 * DIM, 8 * DIM), 1)[0].index).toBe(7);
  });

  it('falls back to building here when the worker cannot start', async () => {
    const log: string[] = [];
    const spawn = fakeWorker("throw new Error('no threads here');");
    const built = await buildIndexOffThread({ vectors, dim: DIM, metric: 'neg-l2', options, spawn, log: (m) => log.push(m) }); // prettier-ignore
    expect(log).toEqual([expect.stringContaining('building a hnsw index'), expect.stringContaining('no threads here')]); // prettier-ignore
    expect(built).toBeInstanceOf(HnswVectorIndex);
    expect(built.search(vectors.subarray(42 * DIM, 43 * DIM), 1)[0]).toEqual({
      index: 42,
      score: 0,
    });
  });

  it('rejects with the worker’s error code when the build fails there', async () => {
    const spawn = fakeWorker(
      "parentPort.postMessage({ kind: 'ready' });\nparentPort.once('message', () => parentPort.postMessage({ kind: 'failed', message: 'out of memory', code: 'INDEX_TOO_LARGE' }));",
    );
    const build = buildIndexOffThread({ vectors, dim: DIM, metric: 'neg-l2', options, spawn });
    await expect(build).rejects.toBeInstanceOf(DomainError);
    await expect(build).rejects.toMatchObject({
      code: 'INDEX_TOO_LARGE',
      message: 'out of memory',
    });
  });

  it('rejects when the worker dies during the build', async () => {
    const spawn = fakeWorker(
      "parentPort.postMessage({ kind: 'ready' });\nparentPort.once('message', () => process.exit(3));",
    );
    await expect(
      buildIndexOffThread({ vectors, dim: DIM, metric: 'neg-l2', options, spawn }),
    ).rejects.toThrow('the index worker exited with code 3');
  });
});
