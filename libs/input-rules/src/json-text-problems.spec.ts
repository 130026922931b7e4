import { jsonTextProblems } from './json-text-problems';

const LIMITS = { maxDepth: 4, maxErrors: 5 };

describe('jsonTextProblems', () => {
  it('accepts ordinary properties: numbers, booleans, null, arrays, text with newlines', () => {
    const value = {
      title: 'Chaussures 👟\nlégères',
      price: { amount: 59.9 },
      sizes: [40, 41],
      x: null,
    };
    expect(jsonTextProblems(value, ['properties'], LIMITS)).toEqual([]);
  });

  it('reports NUL and unpaired surrogates in values at their path, in document order', () => {
    const value = { a: '\ud800', b: { c: ['ok', 'x\u0000'] } };
    expect(jsonTextProblems(value, ['properties'], LIMITS)).toEqual([
      { field: 'properties.a', message: expect.stringMatching(/unpaired surrogate/) },
      { field: 'properties.b.c[1]', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('applies the id rule to keys: no NUL, control characters, surrogates, empty or long keys', () => {
    const value = { '\u0000': 1, 'a\nb': 2, '\udc00': 3, '': 4, ['k'.repeat(257)]: 5 };
    const errors = jsonTextProblems(value, ['properties'], { maxDepth: 4, maxErrors: 10 });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^key .*NUL/),
      'key must not contain control characters',
      expect.stringMatching(/^key .*unpaired surrogate/),
      'key must not be empty',
      'key must be at most 256 characters',
    ]);
  });

  it('bounds the nesting depth without recursion, even for a very deep value', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonTextProblems(deep, ['properties'], LIMITS)).toEqual([
      { field: 'properties[0][0][0][0]', message: 'must not nest deeper than 4 levels' },
    ]);
    expect(jsonTextProblems({ a: { b: { c: { d: 1 } } } }, [], LIMITS)).toEqual([]);
  });

  it('lists at most maxErrors problems and counts the rest', () => {
    const value = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, '\u0000']));
    const errors = jsonTextProblems(value, ['properties'], LIMITS);
    expect(errors).toHaveLength(6);
    expect(errors[5]).toEqual({ field: 'properties', message: '3 more problems' });
  });
});
