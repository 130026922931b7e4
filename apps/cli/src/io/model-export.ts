import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@recsys/domain';
import type { EmbeddingModel } from '@recsys/ranking-metrics';
import { MODEL_EXPORT_FORMAT, MODEL_FILES } from './model-files';

/** model.json: what a reader needs to interpret the vector files, plus how the model was made. */
export interface ModelMetadataFile {
  format: typeof MODEL_EXPORT_FORMAT;
  dim: number;
  metric: EmbeddingModel['metric'];
  userCount: number;
  itemCount: number;
  /** Row-major float32, little-endian; rows in the order of the id files. */
  vectors: { dtype: 'float32'; byteOrder: 'little-endian'; userFile: string; itemFile: string };
  [extra: string]: unknown;
}

/** A model with its external ids, as written to and read from a directory. */
export interface ModelExport {
  metadata: ModelMetadataFile;
  userIds: string[];
  itemIds: string[];
  model: EmbeddingModel;
}

/** Writes model.json, the two id files (one id per line) and the two float32 little-endian vector files. */
export async function writeModelExport(directory: string, exported: ModelExport): Promise<void> {
  for (const id of [...exported.userIds, ...exported.itemIds]) {
    if (/[\r\n]/.test(id))
      throw new DomainError('INVALID_ID', `id ${JSON.stringify(id)} has a line break`);
  }
  await mkdir(directory, { recursive: true });
  const text = (ids: string[]): string => (ids.length > 0 ? `${ids.join('\n')}\n` : '');
  await writeFile(join(directory, MODEL_FILES.userIds), text(exported.userIds));
  await writeFile(join(directory, MODEL_FILES.itemIds), text(exported.itemIds));
  await writeFile(
    join(directory, MODEL_FILES.userVectors),
    littleEndianBytes(exported.model.userVectors),
  );
  await writeFile(
    join(directory, MODEL_FILES.itemVectors),
    littleEndianBytes(exported.model.itemVectors),
  );
  await writeFile(
    join(directory, MODEL_FILES.metadata),
    `${JSON.stringify(exported.metadata, null, 2)}\n`,
  );
}

/** Reads a model directory and checks that ids, vectors and model.json agree (INVALID_MODEL if not). */
export async function readModelExport(directory: string): Promise<ModelExport> {
  try {
    return await readModelFiles(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    const problem = code === 'ENOENT' ? `missing ${(error as NodeJS.ErrnoException).path}` : `model.json: ${(error as Error).message}`; // prettier-ignore
    throw new DomainError('INVALID_MODEL', `${directory}: ${problem}`);
  }
}

async function readModelFiles(directory: string): Promise<ModelExport> {
  const metadataText = await readFile(join(directory, MODEL_FILES.metadata), 'utf8');
  const metadata = JSON.parse(metadataText) as ModelMetadataFile;
  const format: unknown = metadata.format;
  if (format !== MODEL_EXPORT_FORMAT) {
    const problem = `model.json format is ${JSON.stringify(format)}, not ${MODEL_EXPORT_FORMAT}`;
    throw new DomainError('INVALID_MODEL', `${directory}: ${problem}`);
  }
  const userIds = readIds(await readFile(join(directory, MODEL_FILES.userIds), 'utf8'));
  const itemIds = readIds(await readFile(join(directory, MODEL_FILES.itemIds), 'utf8'));
  const userVectors = fromLittleEndian(await readFile(join(directory, MODEL_FILES.userVectors)));
  const itemVectors = fromLittleEndian(await readFile(join(directory, MODEL_FILES.itemVectors)));
  const { dim, metric } = metadata;
  const checks: [string, boolean][] = [
    [MODEL_FILES.userIds, userIds.length === metadata.userCount],
    [MODEL_FILES.itemIds, itemIds.length === metadata.itemCount],
    [MODEL_FILES.userVectors, userVectors.length === metadata.userCount * dim],
    [MODEL_FILES.itemVectors, itemVectors.length === metadata.itemCount * dim],
  ];
  const bad = checks.filter(([, ok]) => !ok).map(([file]) => file);
  if (bad.length > 0) {
    throw new DomainError(
      'INVALID_MODEL',
      `${directory}: ${bad.join(', ')} disagree with model.json counts`,
    );
  }
  return { metadata, userIds, itemIds, model: { dim, metric, userVectors, itemVectors } };
}

function readIds(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.replace(/\r$/, ''));
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  if (endianness() === 'LE')
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

function fromLittleEndian(bytes: Buffer): Float32Array {
  if (bytes.length % 4 !== 0)
    throw new DomainError('INVALID_MODEL', 'vector file size is not a multiple of 4');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
