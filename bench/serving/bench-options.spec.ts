import { DomainError } from '@recsys/domain';
import { parseBenchOptions } from './bench-options';

const DEFAULTS = { items: 100, algorithm: '' };

describe('parseBenchOptions', () => {
  it('keeps defaults and reads numbers and strings', () => {
    expect(parseBenchOptions([], DEFAULTS, 'usage')).toEqual(DEFAULTS);
    expect(parseBenchOptions(['--items', '5', '--algorithm', 'ivf'], DEFAULTS, 'u')).toEqual({
      items: 5,
      algorithm: 'ivf',
    });
  });

  it.each([[['--itemz', '5']], [['--items', 'many']], [['--items']], [['items', '5']]])(
    'rejects %j with the usage',
    (argv) => {
      let thrown: unknown;
      try {
        parseBenchOptions(argv, DEFAULTS, 'the usage');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('INVALID_ARGUMENT');
      expect((thrown as DomainError).details).toEqual({ usage: 'the usage' });
    },
  );
});
