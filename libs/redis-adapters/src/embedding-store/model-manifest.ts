import { DomainError, type ModelMetadata } from '@recsys/domain';

/** The parts of a stored model; each is split into chunks of at most `chunkBytes`. */
export const MODEL_SECTIONS = [
  'itemIds',
  'userIds',
  'itemVectors',
  'userVectors',
  'seenOffsets',
  'seenItems',
  'popularItems',
] as const;

export type ModelSection = (typeof MODEL_SECTIONS)[number];

/** Where a section lives: `length` elements (ids or numbers) in `chunks` keys. */
export interface SectionLayout {
  length: number;
  chunks: number;
}

/** The stored description of a complete version (format 1). */
export interface ModelManifest {
  format: 1;
  publishId: string;
  /** Every binary chunk but the last of a section holds exactly this many bytes. */
  chunkBytes: number;
  metadata: ModelMetadata;
  sections: Record<ModelSection, SectionLayout>;
}

/** Parses a stored manifest; throws MODEL_FORMAT_UNSUPPORTED for a format this code cannot read. */
export function parseModelManifest(json: string): ModelManifest {
  const manifest = JSON.parse(json) as Partial<ModelManifest>;
  if (manifest.format !== 1 || !manifest.sections || !manifest.metadata) {
    throw new DomainError(
      'MODEL_FORMAT_UNSUPPORTED',
      `Stored model manifest has unsupported format ${String(manifest.format)}`,
      { format: manifest.format },
    );
  }
  return manifest as ModelManifest;
}
