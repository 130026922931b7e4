import { z } from 'zod';
import {
  ENGINE_OPTION_FIELDS,
  MAX_MIX_WEIGHT,
  NEGATIVE_SOURCES,
  type EngineOptionField,
  type EngineOptionName,
  type NumberField,
} from './engine-option-fields';

type NegativeSource = (typeof NEGATIVE_SOURCES)[number];
type FieldValue<F> = F extends { kind: 'integer' | 'number' }
  ? number
  : F extends { kind: 'choice'; choices: readonly (infer C)[] }
    ? C
    : Partial<Record<NegativeSource, number>>;

/** Engine options as a job, the CLI or the environment gives them; omitted ones take the engine's defaults. */
export type EngineOptions = {
  -readonly [K in EngineOptionName]?: FieldValue<(typeof ENGINE_OPTION_FIELDS)[K]>;
};

// Each message names the field and states the bound it checks: `epochs: -1` answers "epochs must be >= 1".
function numberSchema(name: string, field: NumberField) {
  const number = z.number({ error: `${name} must be a number` });
  const whole =
    field.kind === 'integer' ? number.int({ error: `${name} must be an integer` }) : number;
  const above = field.exclusiveMin
    ? whole.gt(field.min, { error: `${name} must be > ${field.min}` })
    : whole.min(field.min, { error: `${name} must be >= ${field.min}` });
  return above.max(field.max, { error: `${name} must be <= ${field.max}` });
}

function mixSchema(name: string) {
  const weight = z
    .number({ error: `${name} weights must be numbers` })
    .min(0, { error: `${name} weights must be >= 0` })
    .max(MAX_MIX_WEIGHT, { error: `${name} weights must be <= ${MAX_MIX_WEIGHT}` });
  const shape = Object.fromEntries(NEGATIVE_SOURCES.map((source) => [source, weight.optional()]));
  return z
    .strictObject(shape, { error: `${name} must be an object of ${NEGATIVE_SOURCES.join(', ')}` })
    .refine((mix) => Object.values(mix).some((w) => (w ?? 0) > 0), {
      error: `${name} needs a source with a positive weight`,
    });
}

/** The schema of one engine option's value (not optional), its messages naming it by `name`. */
export function engineOptionSchema(name: string, field: EngineOptionField): z.ZodType {
  if (field.kind === 'choice') {
    return z.enum(field.choices as readonly [string, ...string[]], {
      error: `${name} must be one of ${field.choices.join(', ')}`,
    });
  }
  return field.kind === 'mix' ? mixSchema(name) : numberSchema(name, field);
}

/** Every engine option by its job name, each optional; unknown fields are refused. */
export const engineOptionsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(ENGINE_OPTION_FIELDS).map(([name, field]) => [
      name,
      engineOptionSchema(name, field).optional(),
    ]),
  ),
  { error: 'the training job parameters must be a JSON object' },
) as unknown as z.ZodType<EngineOptions>;

/**
 * Reads `hardest=1,uniform=0.5` into a mix object, or returns the problem (the values are checked by the
 * mix schema afterwards, so the bounds stay in one place).
 */
export function parseNegativeMixText(
  text: string,
): { mix: Record<string, number> } | { problem: string } {
  const mix: Record<string, number> = {};
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [source, weightText, extra] = part.split('=').map((s) => s.trim());
    const weight = weightText === undefined || weightText === '' ? NaN : Number(weightText);
    if (!source || extra !== undefined || !Number.isFinite(weight)) {
      return { problem: `"${part}" must be SOURCE=WEIGHT (${NEGATIVE_SOURCES.join(', ')})` };
    }
    mix[source] = weight;
  }
  return { mix };
}
