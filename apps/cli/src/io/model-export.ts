import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@recsys/domain';
import type { EmbeddingModel } from '@recsys/ranking-metrics';
import type { TrainingInteractions } from '../training/training-interactions';
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
  /**
   * Training interactions, int32 little-endian (absent in exports of older versions): seen items as
   * CSR (`seenOffsetsFile` [userCount + 1], `seenItemsFile` item rows) and item rows by likes.
   */
  interactions?: { seenOffsetsFile: string; seenItemsFile: string; popularItemsFile: string };
  [extra: string]: unknown;
}

/** A model with its external ids, as written to and read from a directory. */
export interface ModelExport {
  metadata: ModelMetadataFile;
  userIds: string[];
  itemIds: string[];
  model: EmbeddingModel;
  /** What the model keeps of its training data, when the export has it. */
  interactions?: TrainingInteractions;
}

/** The `interactions` entry of model.json for an export that writes them. */
export const INTERACTION_FILES = {
  seenOffsetsFile: MODEL_FILES.seenOffsets,
  seenItemsFile: MODEL_FILES.seenItems,
  popularItemsFile: MODEL_FILES.popularItems,
};

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
  const { interactions } = exported;
  if (interactions) {
    await writeFile(
      join(directory, MODEL_FILES.seenOffsets),
      int32Bytes(interactions.seen.offsets),
    );
    await writeFile(join(directory, MODEL_FILES.seenItems), int32Bytes(interactions.seen.items));
    await writeFile(
      join(directory, MODEL_FILES.popularItems),
      int32Bytes(interactions.popularItems),
    );
  }
  // model.json last: a directory with it is complete.
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
  const model = { dim, metric, userVectors, itemVectors };
  const interactions = metadata.interactions
    ? await readInteractions(directory, metadata)
    : undefined;
  return { metadata, userIds, itemIds, model, interactions };
}

async function readInteractions(
  directory: string,
  metadata: ModelMetadataFile,
): Promise<TrainingInteractions> {
  const read = async (file: string): Promise<Int32Array> =>
    fromInt32Bytes(await readFile(join(directory, file)), file);
  const seen = {
    offsets: await read(MODEL_FILES.seenOffsets),
    items: await read(MODEL_FILES.seenItems),
  };
  const popularItems = await read(MODEL_FILES.popularItems);
  const inRange = (rows: Int32Array, count: number): boolean =>
    rows.every((r) => r >= 0 && r < count);
  const ok =
    seen.offsets.length === metadata.userCount + 1 &&
    seen.offsets[metadata.userCount] === seen.items.length &&
    inRange(seen.items, metadata.itemCount) &&
    inRange(popularItems, metadata.itemCount);
  if (!ok) {
    throw new DomainError(
      'INVALID_MODEL',
      `${directory}: interaction files disagree with model.json`,
    );
  }
  return { seen, popularItems };
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

function int32Bytes(values: Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setInt32(i * 4, value, true));
  return bytes;
}

function fromInt32Bytes(bytes: Buffer, file: string): Int32Array {
  if (bytes.length % 4 !== 0)
    throw new DomainError('INVALID_MODEL', `${file} size is not a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.length / 4 }, (_, i) => view.getInt32(i * 4, true));
}

function fromLittleEndian(bytes: Buffer): Float32Array {
  if (bytes.length % 4 !== 0)
    throw new DomainError('INVALID_MODEL', 'vector file size is not a multiple of 4');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
