import { checkModelSnapshot } from './check-model-snapshot';
import { DomainError } from './domain-error';
import type { ModelSnapshot } from './ports/embedding-store';

function tinyModel(): ModelSnapshot {
  return {
    metadata: {
      version: 'v1',
      createdAt: '2024-01-01T00:00:00.000Z',
      dim: 2,
      metric: 'neg-l2',
      itemCount: 2,
      userCount: 1,
      metrics: {},
      trainingParams: {},
    },
    itemIds: ['a', 'b'],
    itemVectors: new Float32Array(4),
    userIds: ['u'],
    userVectors: new Float32Array(2),
    seenItems: { offsets: new Int32Array([0, 1]), items: new Int32Array([0]) },
    popularItems: new Int32Array([1, 0]),
  };
}

function codeOf(model: ModelSnapshot): string | undefined {
  try {
    checkModelSnapshot(model);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

describe('checkModelSnapshot', () => {
  it('accepts a consistent model', () => {
    expect(codeOf(tinyModel())).toBeUndefined();
  });

  it.each<[string, (model: ModelSnapshot) => void]>([
    ['an empty version', (m) => (m.metadata.version = '')],
    ['a zero dim', (m) => (m.metadata.dim = 0)],
    ['an item count that disagrees with the ids', (m) => (m.metadata.itemCount = 3)],
    ['a user table of the wrong size', (m) => (m.userVectors = new Float32Array(3))],
    ['a float64 item table', (m) => (m.itemVectors = new Float64Array(4) as never)],
    ['an id with a newline', (m) => (m.itemIds[1] = 'b\nc')],
    ['popular items that are not int32', (m) => (m.popularItems = [1, 0] as never)],
  ])('rejects %s with INVALID_MODEL', (_, spoil) => {
    const model = tinyModel();
    spoil(model);
    expect(codeOf(model)).toBe('INVALID_MODEL');
  });
});
