import { versionsToPrune } from './versions-to-prune';

describe('versionsToPrune', () => {
  const newestFirst = ['v5', 'v4', 'v3', 'v2', 'v1'];

  it('keeps the newest keepVersions', () => {
    expect(versionsToPrune({ newestFirst, current: 'v5', keepVersions: 3 })).toEqual(['v2', 'v1']);
  });

  it('never prunes the current version, even an old one', () => {
    expect(versionsToPrune({ newestFirst, current: 'v1', keepVersions: 2 })).toEqual(['v3', 'v2']);
  });

  it('prunes nothing while there are at most keepVersions', () => {
    expect(versionsToPrune({ newestFirst, current: null, keepVersions: 5 })).toEqual([]);
  });
});
