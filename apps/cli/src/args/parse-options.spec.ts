import { OptionSpecs } from './option-spec';
import { parseOptions } from './parse-options';

const specs: OptionSpecs = {
  input: { kind: 'string', required: true, description: 'file' },
  format: { kind: 'choice', choices: ['a', 'b'], description: 'format' },
  dim: { kind: 'number', integer: true, min: 1, max: 8, description: 'dim' },
  lr: { kind: 'number', description: 'rate' },
  quiet: { kind: 'flag', description: 'quiet' },
};

describe('parseOptions', () => {
  it('reads spaced and inline values, numbers and flags', () => {
    const values = parseOptions(
      ['--input', 'x.txt', '--format=b', '--dim', '4', '--lr=-0.5', '--quiet'],
      specs,
    );
    expect(values).toEqual({ input: 'x.txt', format: 'b', dim: 4, lr: -0.5, quiet: true });
    expect(parseOptions(['--input', 'f', '--lr', '-2'], specs).lr).toBe(-2);
  });

  it.each([
    [['--input', 'f', '--dim', 'abc'], '--dim must be an integer; got "abc"'],
    [['--input', 'f', '--dim', '2.5'], '--dim must be an integer; got "2.5"'],
    [['--input', 'f', '--dim', '9'], '--dim must be an integer in 1..8; got "9"'],
    [['--input', 'f', '--format', 'c'], '--format must be one of a, b; got "c"'],
    [['--input', 'f', '--nope', '1'], '--nope is not an option'],
    [['--input'], '--input needs a value'],
    [['--input', '--quiet'], '--input needs a value'],
    [['--quiet'], '--input is required'],
    [['--input', 'f', '--quiet=yes'], '--quiet takes no value'],
    [['--input', 'f', 'stray'], 'unexpected argument "stray"'],
    [['--input', 'f', '--', 'x'], 'unexpected argument "--"'],
    [['--input', 'f', '-q'], '--q is not an option'],
    [['--input', 'f', '--toString', '1'], '--toString is not an option'],
    [['--input', 'a', '--input', 'b'], '--input is given more than once'],
    [['--input', 'a', '--quiet', '--quiet'], '--quiet is given more than once'],
    [['--input', 'a', '--dim=2', '--dim', '3'], '--dim is given more than once'],
  ])('rejects %j naming the option', (args, message) => {
    expect(() => parseOptions(args, specs)).toThrow(message);
    try {
      parseOptions(args, specs);
    } catch (error) {
      expect((error as { code: string }).code).toBe('INVALID_ARGUMENT');
    }
  });
});
