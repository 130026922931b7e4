import { DomainError } from '@recsys/domain';
import { DEFAULT_REALTIME_SETTINGS, resolveRealtimeSettings } from './realtime-settings';

describe('resolveRealtimeSettings', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRealtimeSettings({})).toEqual({
      keyPrefix: 'recsys:',
      maxRecentPerUser: 50,
      recentTtlSeconds: 2_592_000,
      popularityHalfLifeMs: 604_800_000,
      maxPopularItems: 100_000,
      readTimeoutMs: 50,
    });
  });

  it('keeps given values and ignores options that are not settings', () => {
    const settings = resolveRealtimeSettings({
      keyPrefix: 'x:',
      maxRecentPerUser: 3,
      ...{ url: 'redis://elsewhere' },
    });
    expect(settings).toEqual({
      ...DEFAULT_REALTIME_SETTINGS,
      keyPrefix: 'x:',
      maxRecentPerUser: 3,
    });
  });

  it('caps maxRecentPerUser at 1,000 (a list goes to Redis as one command)', () => {
    expect(() => resolveRealtimeSettings({ maxRecentPerUser: 1_001 })).toThrow(
      'maxRecentPerUser must be at most 1000',
    );
    expect(resolveRealtimeSettings({ maxRecentPerUser: 1_000 }).maxRecentPerUser).toBe(1_000);
  });

  it('names every bad value at once', () => {
    let thrown: unknown;
    try {
      resolveRealtimeSettings({
        maxRecentPerUser: 0,
        readTimeoutMs: 1.5,
        popularityHalfLifeMs: -1,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_OPTIONS');
    expect((thrown as DomainError).details).toEqual({
      problems: [
        'maxRecentPerUser must be a positive integer',
        'popularityHalfLifeMs must be a positive integer',
        'readTimeoutMs must be a positive integer',
      ],
    });
  });
});
