import type { ModelMetadataFile } from '../io/model-export';
import { checkPublishGate } from './publish-gate';

const vectors = { userVectors: Float32Array.of(1, 2), itemVectors: Float32Array.of(3, 4) };

function metadata(validation: unknown): ModelMetadataFile {
  return {
    format: 'recsys-embeddings-v1',
    dim: 2,
    metric: 'neg-l2',
    userCount: 1,
    itemCount: 1,
    vectors: { dtype: 'float32', byteOrder: 'little-endian', userFile: 'u', itemFile: 'i' },
    validation,
  };
}

describe('checkPublishGate', () => {
  const validated = metadata({ k: 20, metrics: { 'recall@20': 0.15, 'ndcg@20': 0.1 } });

  it('passes a model whose held-out recall reaches the gate and refuses one below it', () => {
    expect(checkPublishGate(validated, vectors, { minRecall: 0.15 })).toEqual({
      passed: true,
      reason: 'held-out recall@20 0.1500 reaches the gate 0.15',
    });
    expect(checkPublishGate(validated, vectors, { minRecall: 0.2 })).toEqual({
      passed: false,
      reason: 'held-out recall@20 0.1500 is below the gate 0.2',
    });
  });

  it('lets an unmeasured model through a gate of 0 only', () => {
    expect(checkPublishGate(metadata(null), vectors, { minRecall: 0 }).passed).toBe(true);
    const refused = checkPublishGate(metadata(null), vectors, { minRecall: 0.01 });
    expect(refused.passed).toBe(false);
    expect(refused.reason).toContain('train with --validation');
    expect(checkPublishGate(validated, vectors, { minRecall: 0.1, k: 10 }).passed).toBe(false);
  });

  it('refuses diverged vectors whatever the gate', () => {
    const nan = { ...vectors, itemVectors: Float32Array.of(1, NaN) };
    expect(checkPublishGate(validated, nan, { minRecall: 0 })).toEqual({
      passed: false,
      reason: 'training diverged: the embeddings hold NaN or Infinity',
    });
  });
});
