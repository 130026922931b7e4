import { EpochRunner } from './epoch-runner';
import type { ExampleBuilder } from './example-builder';
import { GatheredBatch } from './gathered-batch';
import type { RowPrefetcher } from './row-prefetcher';
import type { TrainingExample } from './training-example';
import type { TripletKernel } from './triplet-kernel';

describe('EpochRunner', () => {
  it('builds and trains every work item once, in order, batch by batch', () => {
    const events: string[] = [];
    const builder = {
      build: (example: TrainingExample, batch: GatheredBatch, index: number) => {
        example.user = batch.users[index];
        example.negativeCount = 0;
        example.addNegative(batch.users[index] + 100);
        events.push(`build ${batch.users[index]}`);
      },
    } as unknown as ExampleBuilder;
    const kernel = {
      train: (example: TrainingExample) =>
        events.push(`train ${example.user}:${example.negatives[0]}`),
    } as unknown as TripletKernel;
    const prefetcher = {
      touchPair: (batch: GatheredBatch, index: number) =>
        events.push(`touch ${batch.users[index]}`),
      touchNegatives: () => undefined,
    } as unknown as RowPrefetcher;
    // Pair w is (user w, item w), so user ids show which work item is where.
    const identity = Int32Array.from({ length: 10 }, (_, i) => i);
    const data = {
      positives: { users: identity, items: identity, weights: new Float32Array(10).fill(1) },
      explicitTriplets: {
        users: new Int32Array(),
        positives: new Int32Array(),
        negatives: new Int32Array(),
      },
    };
    const gathered = new GatheredBatch({ data, explicitTripletWeight: 1, batchSize: 4 });
    const runner = new EpochRunner({
      gathered,
      builder,
      kernel,
      prefetcher,
      batchSize: 4,
      maxNegatives: 2,
    });
    runner.run(Int32Array.from([7, 3, 9, 1, 4, 8]));
    const trained = events.filter((event) => event.startsWith('train'));
    expect(trained).toEqual(
      ['7', '3', '9', '1', '4', '8'].map((w) => `train ${w}:${Number(w) + 100}`),
    );
    // Each item is pulled into the cache and built before it is trained.
    expect(events.indexOf('touch 9')).toBeLessThan(events.indexOf('build 9'));
    expect(events.indexOf('build 9')).toBeLessThan(events.indexOf('train 9:109'));
    expect(events.indexOf('build 1')).toBeLessThan(events.indexOf('train 3:103'));
  });
});
