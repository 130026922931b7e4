import type { ModelSnapshot } from '@recsys/domain';
import { toIdChunks } from './id-chunks';
import { toLittleEndianChunks } from './little-endian-chunks';
import type { ModelSection, SectionLayout } from './model-manifest';

/** A model cut into the chunks that are stored under one key each, with the layout that describes them. */
export interface EncodedModel {
  chunks: Record<ModelSection, Buffer[]>;
  sections: Record<ModelSection, SectionLayout>;
}

/** Cuts a (checked) snapshot into id chunks and little-endian binary chunks of at most `chunkBytes`. */
export function encodeModelSections(model: ModelSnapshot, chunkBytes: number): EncodedModel {
  const values: Record<ModelSection, readonly string[] | Float32Array | Int32Array> = {
    itemIds: model.itemIds,
    userIds: model.userIds,
    itemVectors: model.itemVectors,
    userVectors: model.userVectors,
    seenOffsets: model.seenItems.offsets,
    seenItems: model.seenItems.items,
    popularItems: model.popularItems,
  };
  const chunks = {} as Record<ModelSection, Buffer[]>;
  const sections = {} as Record<ModelSection, SectionLayout>;
  for (const [section, sectionValues] of Object.entries(values) as [
    ModelSection,
    (typeof values)[ModelSection],
  ][]) {
    chunks[section] = Array.isArray(sectionValues)
      ? toIdChunks(sectionValues, chunkBytes)
      : toLittleEndianChunks(sectionValues as Float32Array | Int32Array, chunkBytes);
    sections[section] = { length: sectionValues.length, chunks: chunks[section].length };
  }
  return { chunks, sections };
}
