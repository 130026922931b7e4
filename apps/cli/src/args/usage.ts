import { OptionSpecs } from './option-spec';

/** Renders a command's options as help text, one aligned line per option. */
export function usage(command: string, summary: string, specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const value =
      spec.kind === 'flag'
        ? ''
        : spec.kind === 'choice'
          ? ` ${spec.choices.join('|')}`
          : spec.kind === 'number'
            ? ' N'
            : ` ${spec.placeholder ?? 'VALUE'}`;
    const required = 'required' in spec && spec.required ? ' (required)' : '';
    return [`  --${name}${value}`, `${spec.description}${required}`];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => left.padEnd(width) + right);
  return [`Usage: recsys ${command} [options]`, '', summary, '', 'Options:', ...lines].join('\n');
}
