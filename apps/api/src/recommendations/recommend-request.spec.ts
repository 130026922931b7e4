import { DomainError } from '@recsys/domain';
import type { ApiSettings } from '../api-settings';
import { parseRecommendQuery } from './recommend-request';

const settings = {
  recommendDefaultLimit: 10,
  recommendMaxLimit: 100,
  recommendMaxOffset: 1000,
} as ApiSettings;

describe('parseRecommendQuery', () => {
  it('answers an empty query with the defaults, the same as a parsed one', () => {
    const defaults = parseRecommendQuery({}, settings);
    expect(defaults).toEqual({
      limit: 10,
      offset: 0,
      category: undefined,
      excludeItemIds: new Set(),
      excludeSeen: true,
    });
    expect(parseRecommendQuery(undefined, settings)).toEqual(defaults);
    expect(parseRecommendQuery({ offset: '0' }, settings)).toEqual(defaults);
  });

  it('parses and bounds the options', () => {
    expect(
      parseRecommendQuery(
        {
          limit: '5',
          offset: '10',
          category: 'shoes',
          exclude: ['a,b', 'c'],
          excludeSeen: 'false',
        },
        settings,
      ),
    ).toEqual({
      limit: 5,
      offset: 10,
      category: 'shoes',
      excludeItemIds: new Set(['a', 'b', 'c']),
      excludeSeen: false,
    });
    expect(() => parseRecommendQuery({ limit: '101' }, settings)).toThrow(DomainError);
    expect(() => parseRecommendQuery({ unknown: '1' }, settings)).toThrow(DomainError);
  });
});
