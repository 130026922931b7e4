import { MessageChannel } from 'node:worker_threads';
import { DomainError } from '@recsys/domain';
import { vectorIndexSteps, type BuildVectorIndexOptions } from './build-vector-index';
import { runStepsNow } from './build-steps';
import { clusteredVectors } from './clustered-vectors';
import { indexFromParts, toIndexParts, transferablesOf, type IndexParts } from './index-parts';
import { ShardedVectorIndex } from './sharded-vector-index';
import type { VectorIndex, VectorMetric } from './vector-index';

const DIM = 12;
const ROWS = 3_000;
const vectors = clusteredVectors({ rows: ROWS, dim: DIM, clusterCount: 40, spread: 0.6, seed: 12 });
const queries = clusteredVectors({ rows: 25, dim: DIM, clusterCount: 40, spread: 0.6, seed: 13 });
const query = (q: number) => queries.subarray(q * DIM, (q + 1) * DIM);

/** Posts the parts through a real message channel, transferring their arrays, as a worker would. */
function posted(parts: IndexParts): Promise<IndexParts> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port2.once('message', (received: IndexParts) => {
      channel.port1.close();
      resolve(received);
    });
    channel.port1.postMessage(parts, transferablesOf(parts));
  });
}

/** The code of the DomainError `run` throws. */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

const build = (metric: VectorMetric, options: BuildVectorIndexOptions) =>
  runStepsNow(vectorIndexSteps(vectors, DIM, metric, { exactBelow: 1_000, seed: 5, ...options }));

/** Two IVF shards over the two halves of the table. */
function sharded(metric: VectorMetric): ShardedVectorIndex {
  const half = ROWS / 2;
  const shards = [0, half].map((start) => {
    const table = vectors.subarray(start * DIM, (start + half) * DIM);
    const index = runStepsNow(vectorIndexSteps(table, DIM, metric, { exactBelow: 0, algorithm: 'ivf', ivf: { probeCount: 4 } })); // prettier-ignore
    return { start, index: index as ShardedVectorIndex };
  });
  return new ShardedVectorIndex(shards);
}

describe('index parts', () => {
  const exclude = (row: number) => row % 4 === 1;
  const cases: [string, () => VectorIndex][] = [
    ['exact cosine', () => build('cosine', { exactBelow: 5_000 })],
    ['hnsw neg-l2', () => build('neg-l2', { algorithm: 'hnsw' })],
    ['hnsw dot', () => build('dot', { algorithm: 'hnsw' })],
    ['ivf dot', () => build('dot', { algorithm: 'ivf', ivf: { probeCount: 6 } })],
    ['ivf neg-l2, sharded', () => sharded('neg-l2')],
  ];

  it.each(cases)('rebuild a %s index that answers exactly like the original', async (_, make) => {
    const original = make();
    const answers = (index: VectorIndex) =>
      Array.from({ length: 25 }, (_, q) => [index.search(query(q), 10), index.search(query(q), 7, exclude)]); // prettier-ignore
    // Answers first: posting transfers the arrays away from the original.
    const expected = answers(original);
    const parts = await posted(toIndexParts(original));
    const rebuilt = indexFromParts(parts, { vectors, dim: DIM, metric: original.metric });
    expect(rebuilt.constructor).toBe(original.constructor);
    expect([rebuilt.size, rebuilt.dim, rebuilt.metric]).toEqual([ROWS, DIM, original.metric]);
    expect(answers(rebuilt)).toEqual(expected);
  });

  it('transfer the arrays (they leave the sender) and share the memory', async () => {
    const parts = toIndexParts(build('neg-l2', { algorithm: 'hnsw' }));
    if (parts.kind !== 'hnsw') throw new Error('expected hnsw parts');
    const { base } = parts.graph;
    const received = await posted(parts);
    expect(base.length).toBe(0);
    expect(received.kind === 'hnsw' && received.graph.base.length).toBeGreaterThan(0);
    // The same shared memory: what the sender writes, the receiver reads.
    if (received.kind !== 'hnsw') throw new Error('expected hnsw parts');
    new Int32Array(parts.memory.buffer)[0] = 123_456;
    expect(new Int32Array(received.memory.buffer)[0]).toBe(123_456);
  });

  it('refuse a table the parts were not built from', () => {
    const parts = toIndexParts(build('neg-l2', { algorithm: 'ivf' }));
    const shorter = { vectors: vectors.subarray(DIM), dim: DIM, metric: 'neg-l2' as const };
    expect(() => indexFromParts(parts, shorter)).toThrow(DomainError);
    expect(codeOf(() => indexFromParts(parts, { vectors, dim: DIM, metric: 'dot' }))).toBe('INDEX_PARTS_MISMATCH'); // prettier-ignore
  });

  it('exist only for the indexes of this lib', () => {
    const foreign: VectorIndex = { size: 0, dim: 1, metric: 'dot', search: () => [] };
    expect(codeOf(() => toIndexParts(foreign))).toBe('INDEX_NOT_TRANSFERABLE');
  });
});
