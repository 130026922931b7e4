import { parseOptions } from '../args/parse-options';
import { CliIo } from '../cli-io';
import { toPipelineOptions } from './pipeline-options';
import { TRAIN_OPTION_SPECS } from './train-option-specs';

const io: CliIo = {
  stdout: { write: () => undefined },
  stderr: { write: () => undefined },
  nowMs: () => 0,
  cpuCount: 3,
};
const base = ['--input', 'f', '--format', 'lightgcn', '--out', 'd'];

describe('toPipelineOptions', () => {
  it('maps CLI names to engine options and leaves the rest to the engine defaults', () => {
    const values = parseOptions(
      [
        ...base,
        '--lr',
        '0.1',
        '--negatives',
        '8',
        '--negative-mix',
        'uniform=1, hardest=2',
        '--negative-reduction',
        'rank-weighted',
      ],
      TRAIN_OPTION_SPECS,
    );
    const pipeline = toPipelineOptions(values, io);
    expect(pipeline.engine).toEqual({
      learningRate: 0.1,
      negativesPerPositive: 8,
      negativeMix: { uniform: 1, hardest: 2 },
      negativeReduction: 'rank-weighted',
      threads: 3,
    });
    expect(pipeline.neutralWeight).toBe(0);
    expect(pipeline.validation).toBeUndefined();
  });

  it('turns --validation into early-stopping settings with defaults', () => {
    const values = parseOptions(
      [...base, '--validation', '0.1', '--patience', '2', '--refit'],
      TRAIN_OPTION_SPECS,
    );
    expect(toPipelineOptions(values, io).validation).toEqual({
      fraction: 0.1,
      everyEpochs: 2,
      patience: 2,
      k: 20,
      monitor: 'ndcg',
      maxUsers: 10_000,
      refit: true,
    });
  });

  it('names --negative-mix when a source or weight is wrong', () => {
    for (const mix of ['random=1', 'uniform', 'uniform=-1', 'hardest=0']) {
      expect(() => parseOptions([...base, '--negative-mix', mix], TRAIN_OPTION_SPECS)).toThrow(
        '--negative-mix',
      );
    }
  });

  it('checks engine options with the bounds of a training job (one schema)', () => {
    const problem = (args: string[]) => {
      try {
        parseOptions([...base, ...args], TRAIN_OPTION_SPECS);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem(['--lr', '0'])).toBe('--lr must be > 0');
    expect(problem(['--epochs', '1001'])).toBe(
      '--epochs must be an integer in 1..1000; got "1001"',
    );
    expect(problem(['--loss', 'hinge'])).toContain('--loss must be one of triplet');
    expect(problem(['--warmup-epochs', '0', '--hard-candidates', '16'])).toBeUndefined();
  });
});
