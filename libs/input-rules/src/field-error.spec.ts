import { z } from 'zod';
import { fieldErrorsOf, formatFieldPath } from './field-error';

function errorsFor(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return fieldErrorsOf(parsed.error);
}

describe('fieldErrorsOf', () => {
  const schema = z.strictObject({
    name: z.string({ error: 'name must be a string' }),
    tags: z.array(z.string({ error: 'tags[] must be a string' })).optional(),
    nested: z.strictObject({ size: z.number({ error: 'size must be a number' }) }).optional(),
  });

  it('gives each issue its message at its path', () => {
    expect(errorsFor(schema, { name: 1, tags: ['a', 2], nested: { size: 'L' } })).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'tags[1]', message: 'tags[] must be a string' },
      { field: 'nested.size', message: 'size must be a number' },
    ]);
  });

  it('lists every unknown key on its own, nested ones with their path', () => {
    const errors = errorsFor(schema, {
      name: 'x',
      colour: 1,
      weight: 2,
      nested: { size: 1, z: 0 },
    });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'colour', message: 'unknown field' },
        { field: 'weight', message: 'unknown field' },
        { field: 'nested.z', message: 'unknown field' },
      ]),
    );
  });

  it('names the whole input with an empty field', () => {
    expect(errorsFor(schema, 'text')).toEqual([{ field: '', message: expect.any(String) }]);
  });
});

describe('formatFieldPath', () => {
  it('writes indices in brackets and keys with dots', () => {
    expect(formatFieldPath([2, 'userId'])).toBe('[2].userId');
    expect(formatFieldPath(['shownItemIds', 3])).toBe('shownItemIds[3]');
    expect(formatFieldPath(['properties', 'a', 'b'])).toBe('properties.a.b');
    expect(formatFieldPath([])).toBe('');
  });
});
