import { DomainError, ENGINE_OPTION_FIELDS, parseNegativeMixText } from '@recsys/domain';
import type { TrainOptions } from '@recsys/embedding-training';
import { OptionValues } from '../args/option-spec';
import { INVALID_ARGUMENT } from '../args/parse-options';
import { CliIo } from '../cli-io';
import { PipelineOptions, ValidationSettings } from '../training/train-pipeline';

/** Maps parsed engine options (ENGINE_OPTION_SPECS) to the training pipeline's options. */
export function toPipelineOptions(values: OptionValues, io: CliIo): Omit<PipelineOptions, 'nowMs'> {
  const number = (name: string): number | undefined => values[name] as number | undefined;
  const engine: Partial<Record<string, unknown>> = { threads: io.cpuCount };
  for (const [key, field] of Object.entries(ENGINE_OPTION_FIELDS)) {
    const value = values[field.cli];
    if (value === undefined) continue;
    // The mix was checked while parsing (ENGINE_FIELD_SPECS): here it only changes form.
    engine[key] = field.kind === 'mix' ? negativeMixOf(value as string) : value;
  }
  return {
    engine,
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

function negativeMixOf(text: string): TrainOptions['negativeMix'] {
  const parsed = parseNegativeMixText(text);
  if ('problem' in parsed) {
    throw new DomainError(INVALID_ARGUMENT, `--negative-mix ${parsed.problem}`, {
      option: 'negative-mix',
    });
  }
  return parsed.mix;
}
