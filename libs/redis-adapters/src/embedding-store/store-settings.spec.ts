import { DomainError } from '@recsys/domain';
import { resolveStoreSettings } from './store-settings';

describe('resolveStoreSettings', () => {
  it('defaults to the recsys: prefix, 5 versions and 8 MiB chunks', () => {
    expect(resolveStoreSettings({})).toEqual({
      keyPrefix: 'recsys:',
      keepVersions: 5,
      chunkBytes: 8 * 1024 * 1024,
      pendingChunkTtlMs: 3_600_000,
    });
  });

  it('lists every bad option at once', () => {
    let caught: unknown;
    try {
      resolveStoreSettings({ keepVersions: 0, chunkBytes: 10 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('INVALID_OPTIONS');
    expect((caught as DomainError).details).toEqual({
      problems: [
        'keepVersions must be a positive integer',
        'chunkBytes must be a positive multiple of 4',
      ],
    });
  });
});
