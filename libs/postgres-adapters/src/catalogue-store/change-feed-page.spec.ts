import { DomainError } from '@recsys/domain';
import { changeFeedPage } from './change-feed-page';

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

describe('changeFeedPage', () => {
  it('accepts integer revisions (negative too) and non-negative integer limits', () => {
    expect(changeFeedPage(0, 0)).toEqual({ afterRevision: 0, limit: 0 });
    expect(changeFeedPage(-1, 5000)).toEqual({ afterRevision: -1, limit: 5000 });
    expect(changeFeedPage(2 ** 40, 1)).toEqual({ afterRevision: 2 ** 40, limit: 1 });
  });

  it('rejects a revision that is not a safe integer with INVALID_REVISION', () => {
    expect(codeOf(() => changeFeedPage(1.5, 10))).toBe('INVALID_REVISION');
    expect(codeOf(() => changeFeedPage(Number.NaN, 10))).toBe('INVALID_REVISION');
    expect(codeOf(() => changeFeedPage(Number.POSITIVE_INFINITY, 10))).toBe('INVALID_REVISION');
  });

  it('rejects a negative, fractional or unbounded limit with INVALID_LIMIT', () => {
    expect(codeOf(() => changeFeedPage(0, -1))).toBe('INVALID_LIMIT');
    expect(codeOf(() => changeFeedPage(0, 2.5))).toBe('INVALID_LIMIT');
    expect(codeOf(() => changeFeedPage(0, Number.POSITIVE_INFINITY))).toBe('INVALID_LIMIT');
  });
});
