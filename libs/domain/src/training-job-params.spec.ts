import { trainingJobParamsSchema } from './training-job-params';

function messagesFor(input: unknown): string[] {
  const parsed = trainingJobParamsSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('trainingJobParamsSchema', () => {
  it('accepts the bounds themselves and an empty body', () => {
    expect(messagesFor({})).toEqual([]);
    expect(messagesFor({ epochs: 1, dim: 512, learningRate: 10, margin: 0.1, seed: 0 })).toEqual(
      [],
    );
  });

  it('states the violated bound of each field (issue 9, item 10)', () => {
    expect(messagesFor({ epochs: -1, dim: 100_000 })).toEqual([
      'epochs must be >= 1',
      'dim must be <= 512',
    ]);
    expect(messagesFor({ epochs: 1001, dim: 1 })).toEqual([
      'epochs must be <= 1000',
      'dim must be >= 2',
    ]);
    expect(messagesFor({ learningRate: 0, margin: 11, seed: 2 ** 31 })).toEqual([
      'learningRate must be > 0',
      'margin must be <= 10',
      'seed must be <= 2147483647',
    ]);
  });

  it('tells a fraction from a wrong type', () => {
    expect(messagesFor({ epochs: 2.5 })).toEqual(['epochs must be an integer']);
    expect(messagesFor({ epochs: '5', margin: null })).toEqual([
      'epochs must be a number',
      'margin must be a number',
    ]);
  });

  it('accepts every engine option recsys train has, under the engine names', () => {
    expect(
      messagesFor({
        loss: 'bpr',
        optimizer: 'lazy-adam',
        negativesPerPositive: 0,
        inBatchNegatives: 'batch-hard',
        negativeMix: { hardest: 1, uniform: 0.5 },
        hardNegativeCandidates: 16,
        hardNegativeWarmupEpochs: 0,
        threads: 2,
        negativeReduction: 'rank-weighted',
        userAggregation: 1,
      }),
    ).toEqual([]);
  });

  it('names the field of a bad choice, mix or unknown option', () => {
    expect(messagesFor({ loss: 'hinge' })).toEqual([
      'loss must be one of triplet, squared-triplet, cosine-triplet, soft-margin, bpr, cosine-contrastive',
    ]);
    expect(messagesFor({ negativeMix: { hardest: 0 } })).toEqual([
      'negativeMix needs a source with a positive weight',
    ]);
    expect(messagesFor({ negativeMix: { hardest: -1 } })).toContain(
      'negativeMix weights must be >= 0',
    );
    const unknown = trainingJobParamsSchema.safeParse({ negativeMix: { random: 1 }, lr: 0.1 });
    expect(unknown.success).toBe(false);
    const paths = unknown.error!.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [],
    );
    expect(paths.sort()).toEqual(['lr', 'negativeMix.random']);
    expect(messagesFor({ threads: 65, hardNegativeCandidates: 0 })).toEqual([
      'threads must be <= 64',
      'hardNegativeCandidates must be >= 1',
    ]);
  });

  it('rejects a body that is not an object', () => {
    expect(messagesFor([1])).toEqual(['the training job parameters must be a JSON object']);
  });
});
