import { DomainError } from '@recsys/domain';
import type { TrainOptions } from '@recsys/embedding-training';
import { OptionValues } from '../args/option-spec';
import { INVALID_ARGUMENT } from '../args/parse-options';
import { CliIo } from '../cli-io';
import { PipelineOptions, ValidationSettings } from '../training/train-pipeline';

const SOURCES = ['uniform', 'popularity', 'explicit', 'hardest', 'semi-hard'];

/** Maps parsed engine options (ENGINE_OPTION_SPECS) to the training pipeline's options. */
export function toPipelineOptions(values: OptionValues, io: CliIo): Omit<PipelineOptions, 'nowMs'> {
  const number = (name: string): number | undefined => values[name] as number | undefined;
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const engine: Partial<TrainOptions> = {
    dim: number('dim'),
    epochs: number('epochs'),
    learningRate: number('lr'),
    margin: number('margin'),
    seed: number('seed'),
    threads: number('threads') ?? io.cpuCount,
    loss: text('loss') as TrainOptions['loss'] | undefined,
    optimizer: text('optimizer') as TrainOptions['optimizer'] | undefined,
    negativesPerPositive: number('negatives'),
    negativeReduction: text('negative-reduction') as TrainOptions['negativeReduction'] | undefined,
    popularityExponent: number('popularity-exponent'),
    engine: text('engine') as TrainOptions['engine'] | undefined,
    negativeMix: parseNegativeMix(text('negative-mix')),
    hardNegativeCandidates: number('hard-candidates'),
    hardNegativeWarmupEpochs: number('warmup-epochs'),
    hardCandidateReuse: number('candidate-reuse'),
    inBatchNegatives: text('in-batch') as TrainOptions['inBatchNegatives'] | undefined,
    batchSize: number('batch-size'),
    maxNorm: number('max-norm'),
    l2: number('l2'),
    initStd: number('init-std'),
    explicitTripletWeight: number('explicit-weight'),
    negativeWeight: number('negative-weight'),
    userAggregation: number('user-aggregation'),
    itemPropagation: number('item-propagation'),
  };
  const defined = Object.fromEntries(Object.entries(engine).filter(([, v]) => v !== undefined));
  return {
    engine: defined,
    neutralWeight: number('neutral-weight') ?? 0,
    unlikedWeight: number('unliked-weight') ?? 0,
    validation: validationSettings(values),
  };
}

function validationSettings(values: OptionValues): ValidationSettings | undefined {
  const fraction = (values.validation as number | undefined) ?? 0;
  if (fraction === 0) return undefined;
  return {
    fraction,
    everyEpochs: (values['eval-every'] as number | undefined) ?? 2,
    patience: (values.patience as number | undefined) ?? 3,
    k: (values['val-k'] as number | undefined) ?? 20,
    monitor: (values.monitor as 'ndcg' | 'recall' | undefined) ?? 'ndcg',
    maxUsers: (values['val-users'] as number | undefined) ?? 10_000,
    refit: values.refit === true,
  };
}

/** Parses `uniform=1,hardest=2` into engine weights; names --negative-mix in every error. */
function parseNegativeMix(text: string | undefined): TrainOptions['negativeMix'] | undefined {
  if (text === undefined) return undefined;
  const mix: Record<string, number> = {};
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [source, weightText] = part.split('=').map((s) => s.trim());
    const weight = Number(weightText);
    if (!SOURCES.includes(source) || !(weight >= 0) || weightText === undefined) {
      throw new DomainError(
        INVALID_ARGUMENT,
        `--negative-mix "${part}" must be SOURCE=WEIGHT with SOURCE one of ${SOURCES.join(', ')}`,
        { option: 'negative-mix' },
      );
    }
    mix[source] = weight;
  }
  return mix;
}
