import { DomainError, encodeJobCursor } from '@recsys/domain';
import { parseJobListQuery } from './job-list-query';

function fieldErrors(query: unknown): unknown {
  try {
    parseJobListQuery(query);
  } catch (error) {
    if (error instanceof DomainError) return (error.details as { errors: unknown }).errors;
    throw error;
  }
  throw new Error('expected INVALID_REQUEST');
}

describe('parseJobListQuery', () => {
  it('defaults to the first 20 jobs of every status', () => {
    expect(parseJobListQuery({})).toEqual({ limit: 20 });
    expect(parseJobListQuery(undefined)).toEqual({ limit: 20 });
  });

  it('reads status, limit and a cursor of a previous page', () => {
    const cursor = encodeJobCursor('12');
    expect(parseJobListQuery({ status: 'cancelled', limit: '100', cursor })).toEqual({
      status: 'cancelled',
      limit: 100,
      cursor,
    });
  });

  it('names each bad field', () => {
    expect(fieldErrors({ status: 'done', limit: '0', cursor: 'xyz', page: '2' })).toEqual(
      expect.arrayContaining([
        { field: 'status', message: expect.stringContaining('status must be one of queued') },
        { field: 'limit', message: 'limit must be >= 1' },
        { field: 'cursor', message: 'cursor must be the nextCursor of a previous page' },
        { field: 'page', message: 'unknown field' },
      ]),
    );
    expect(fieldErrors({ limit: '101' })).toEqual([
      { field: 'limit', message: 'limit must be <= 100' },
    ]);
  });
});
