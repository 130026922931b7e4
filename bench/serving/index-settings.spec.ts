import { DomainError } from '@recsys/domain';
import { indexSettings } from './index-settings';

describe('indexSettings', () => {
  it('keeps the api defaults unless asked', () => {
    expect(indexSettings({ algorithm: '', exactBelow: -1 })).toEqual({ env: {}, recall: {} });
  });

  it('passes an algorithm and threshold to the api and to the bench index alike', () => {
    expect(indexSettings({ algorithm: 'ivf', exactBelow: 0 })).toEqual({
      env: { INDEX_ALGORITHM: 'ivf', INDEX_EXACT_BELOW: '0' },
      recall: { algorithm: 'ivf', exactBelow: 0 },
    });
  });

  it('rejects an unknown algorithm', () => {
    expect(() => indexSettings({ algorithm: 'lsh', exactBelow: -1 })).toThrow(DomainError);
  });
});
