import { EpochRunner } from './epoch-runner';
import type { ExampleBuilder } from './example-builder';
import type { RowPrefetcher } from './row-prefetcher';
import type { TrainingExample } from './training-example';
import type { TripletKernel } from './triplet-kernel';

describe('EpochRunner', () => {
  it('builds and trains every work item once, in order, batch by batch', () => {
    const events: string[] = [];
    const builder = {
      build: (example: TrainingExample, batch: Int32Array, index: number) => {
        example.user = batch[index];
        example.negativeCount = 0;
        example.addNegative(batch[index] + 100);
        events.push(`build ${batch[index]}`);
      },
    } as unknown as ExampleBuilder;
    const kernel = {
      train: (example: TrainingExample) =>
        events.push(`train ${example.user}:${example.negatives[0]}`),
    } as unknown as TripletKernel;
    const prefetcher = {
      touchWork: (work: number) => events.push(`touch ${work}`),
      touchNegatives: () => undefined,
    } as unknown as RowPrefetcher;
    const runner = new EpochRunner({ builder, kernel, prefetcher, batchSize: 4, maxNegatives: 2 });
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
