import { DomainError } from '@recsys/domain';
import { parseModelManifest } from './model-manifest';

describe('parseModelManifest', () => {
  it('reads a format 1 manifest', () => {
    const stored = {
      format: 1,
      publishId: 'p',
      chunkBytes: 8,
      metadata: { version: 'v' },
      sections: {},
    };
    expect(parseModelManifest(JSON.stringify(stored))).toEqual(stored);
  });

  it('refuses a format it does not know with MODEL_FORMAT_UNSUPPORTED', () => {
    const stored = JSON.stringify({ format: 2, metadata: {}, sections: {} });
    expect(() => parseModelManifest(stored)).toThrow(DomainError);
    expect(() => parseModelManifest(stored)).toThrow(/unsupported format 2/);
  });
});
