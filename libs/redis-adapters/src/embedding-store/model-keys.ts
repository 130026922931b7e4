import { MODEL_SECTIONS, type ModelManifest, type ModelSection } from './model-manifest';

/**
 * The Redis key format of the embedding store, the one place that knows it. Versions are URI-encoded so a
 * version containing ':' cannot collide with another key; chunk keys carry the publish id, so chunks of an
 * abandoned or concurrent publish of the same version never mix with the published ones.
 */
export class ModelKeys {
  constructor(private readonly prefix: string) {}

  /** String: the current version. */
  get current(): string {
    return `${this.prefix}model:current`;
  }

  /** Sorted set: complete versions, scored by publish sequence (newest = highest). */
  get versions(): string {
    return `${this.prefix}model:versions`;
  }

  /** Counter that orders publishes, so versions published in the same millisecond still sort. */
  get sequence(): string {
    return `${this.prefix}model:sequence`;
  }

  /** Pub/sub channel that carries the new current version after a publish or activate. */
  get publishedChannel(): string {
    return `${this.prefix}model:published`;
  }

  /** String (JSON): metadata and layout of a version; written last, so it is the "complete" marker. */
  manifest(version: string): string {
    return `${this.versionPrefix(version)}:manifest`;
  }

  /** String (bytes): one chunk of one section of a version. */
  chunk(options: {
    version: string;
    publishId: string;
    section: ModelSection;
    index: number;
  }): string {
    const { version, publishId, section, index } = options;
    return `${this.versionPrefix(version)}:${publishId}:${section}:${index}`;
  }

  /** Every chunk key of the version a manifest describes. */
  chunksOf(manifest: ModelManifest): string[] {
    const { version } = manifest.metadata;
    return MODEL_SECTIONS.flatMap((section) =>
      Array.from({ length: manifest.sections[section].chunks }, (_, index) =>
        this.chunk({ version, publishId: manifest.publishId, section, index }),
      ),
    );
  }

  private versionPrefix(version: string): string {
    return `${this.prefix}model:${encodeURIComponent(version)}`;
  }
}
