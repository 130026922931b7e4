import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_EXPORT_FORMAT } from './model-files';
import { ModelExport, readModelExport, writeModelExport } from './model-export';

function sample(): ModelExport {
  return {
    userIds: ['u1', 'u 2'],
    itemIds: ['i1', 'i2', 'i3'],
    model: {
      dim: 2,
      metric: 'neg-l2',
      userVectors: Float32Array.of(1, -2, 0.5, 3),
      itemVectors: Float32Array.of(1, 2, 3, 4, 5, -6.25),
    },
    metadata: {
      format: MODEL_EXPORT_FORMAT,
      dim: 2,
      metric: 'neg-l2',
      userCount: 2,
      itemCount: 3,
      vectors: {
        dtype: 'float32',
        byteOrder: 'little-endian',
        userFile: 'user_vectors.f32',
        itemFile: 'item_vectors.f32',
      },
      trainingParams: { epochs: 3 },
    },
  };
}

describe('model export', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recsys-export-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes id files one per line and row-major float32 little-endian vectors', async () => {
    await writeModelExport(directory, sample());
    expect(await readFile(join(directory, 'item_ids.txt'), 'utf8')).toBe('i1\ni2\ni3\n');
    const bytes = await readFile(join(directory, 'item_vectors.f32'));
    expect(bytes.length).toBe(6 * 4);
    expect(bytes.readFloatLE(5 * 4)).toBe(-6.25);
    expect(bytes.readFloatLE(1 * 4)).toBe(2);
    const metadata = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8'));
    expect(metadata).toMatchObject({
      dim: 2,
      metric: 'neg-l2',
      userCount: 2,
      itemCount: 3,
      trainingParams: { epochs: 3 },
    });
  });

  it('reads back what it wrote', async () => {
    await writeModelExport(directory, sample());
    const back = await readModelExport(directory);
    expect(back.userIds).toEqual(['u1', 'u 2']);
    expect(Array.from(back.model.userVectors)).toEqual([1, -2, 0.5, 3]);
    expect(back.model.metric).toBe('neg-l2');
  });

  it('refuses files that disagree with model.json and ids with line breaks', async () => {
    await writeModelExport(directory, sample());
    await writeFile(join(directory, 'user_ids.txt'), 'u1\n');
    await expect(readModelExport(directory)).rejects.toThrow('user_ids.txt disagree');
    await expect(readModelExport(join(directory, 'absent'))).rejects.toThrow('missing');
    const bad = sample();
    bad.itemIds[0] = 'a\nb';
    await expect(writeModelExport(directory, bad)).rejects.toThrow('line break');
  });
});
