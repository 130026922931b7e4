import { ID_MAX_LENGTH, idProblem, textProblem } from './text-rules';

describe('idProblem', () => {
  it('accepts printable ids of 1..ID_MAX_LENGTH code units, emoji and accents included', () => {
    for (const id of ['a', 'item-42', 'Chaussure légère', '👟-1', 'x'.repeat(ID_MAX_LENGTH)]) {
      expect(idProblem(id)).toBeUndefined();
    }
  });

  it('rejects empty and over-long ids, stating the bound', () => {
    expect(idProblem('')).toBe('must not be empty');
    expect(idProblem('x'.repeat(ID_MAX_LENGTH + 1))).toBe('must be at most 256 characters');
  });

  it('rejects unpaired surrogates (high, low, at either end) but not a pair', () => {
    for (const id of ['\ud800', 'a\ud800', '\udc00a', 'a\udfffb', '\ud83d\ud83d']) {
      expect(idProblem(id)).toMatch(/well-formed Unicode/);
    }
    expect(idProblem('\ud83d\udc5f')).toBeUndefined();
  });

  it('rejects NUL and every other control character', () => {
    expect(idProblem('\u0000')).toMatch(/NUL/);
    for (const id of ['a\nb', '\t', 'x\u007f', 'x\u0085', '\u001b[31m']) {
      expect(idProblem(id)).toBe('must not contain control characters');
    }
  });
});

describe('textProblem', () => {
  it('keeps free text with newlines and tabs, of any length', () => {
    expect(textProblem('line 1\nline 2\tend')).toBeUndefined();
    expect(textProblem('y'.repeat(10_000))).toBeUndefined();
    expect(textProblem('')).toBeUndefined();
  });

  it('rejects NUL and unpaired surrogates', () => {
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/unpaired surrogate/);
  });
});
