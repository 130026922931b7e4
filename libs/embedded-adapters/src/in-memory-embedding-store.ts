import { EventEmitter } from 'node:events';
import {
  checkModelSnapshot,
  DomainError,
  type EmbeddingStore,
  type ModelMetadata,
  type ModelSnapshot,
  type PublishOptions,
} from '@recsys/domain';

const PUBLISHED = 'published';
const DEFAULT_KEEP_VERSIONS = 5;

/**
 * The embedding store of the embedded mode: versions in process memory, same rules as the Redis store
 * (copies in and out, atomic switch, retention, MODEL_VERSION_EXISTS / MODEL_NOT_FOUND) and listeners
 * called asynchronously after the publish or activate has resolved, as Redis pub/sub would.
 */
export class InMemoryEmbeddingStore implements EmbeddingStore {
  // Insertion order is publish order: a Map iterates oldest first.
  private readonly versions = new Map<string, ModelSnapshot>();
  private current: string | null = null;
  private readonly notifications = new EventEmitter();
  private readonly keepVersions: number;

  constructor(options: { keepVersions?: number } = {}) {
    this.keepVersions = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
    if (!Number.isInteger(this.keepVersions) || this.keepVersions <= 0) {
      throw new DomainError('INVALID_OPTIONS', 'keepVersions must be a positive integer', {
        keepVersions: options.keepVersions,
      });
    }
    this.notifications.setMaxListeners(0);
  }

  publish(model: ModelSnapshot, options: PublishOptions = { makeCurrent: true }): Promise<void> {
    return settle(() => this.publishNow(model, options.makeCurrent));
  }

  currentVersion(): Promise<string | null> {
    return Promise.resolve(this.current);
  }

  load(version: string): Promise<ModelSnapshot | null> {
    const snapshot = this.versions.get(version);
    return Promise.resolve(snapshot ? copySnapshot(snapshot) : null);
  }

  /** Versions, most recently published first. */
  listVersions(): Promise<ModelMetadata[]> {
    const newestFirst = [...this.versions.values()].reverse();
    return Promise.resolve(newestFirst.map((snapshot) => structuredClone(snapshot.metadata)));
  }

  activate(version: string): Promise<void> {
    return settle(() => {
      if (!this.versions.has(version)) {
        throw new DomainError('MODEL_NOT_FOUND', `Model version ${version} does not exist`, {
          version,
        });
      }
      this.switchTo(version);
    });
  }

  subscribe(listener: (version: string) => void): Promise<() => Promise<void>> {
    const entry = (version: string): void => {
      try {
        listener(version);
      } catch {
        // Like the Redis store: a throwing listener must not stop the others.
      }
    };
    this.notifications.on(PUBLISHED, entry);
    return Promise.resolve(() => {
      this.notifications.off(PUBLISHED, entry);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.notifications.removeAllListeners();
    return Promise.resolve();
  }

  // Synchronous from check to switch: no reader can observe a version half-stored.
  private publishNow(model: ModelSnapshot, makeCurrent: boolean): void {
    checkModelSnapshot(model);
    const { version } = model.metadata;
    if (this.versions.has(version)) {
      throw new DomainError(
        'MODEL_VERSION_EXISTS',
        `Model version ${version} is already published`,
        {
          version,
        },
      );
    }
    // A copy: later changes to the caller's arrays must not change the published version.
    this.versions.set(version, copySnapshot(model));
    if (makeCurrent) this.switchTo(version);
    this.pruneOldVersions();
  }

  private switchTo(version: string): void {
    this.current = version;
    setImmediate(() => this.notifications.emit(PUBLISHED, version));
  }

  private pruneOldVersions(): void {
    const newestFirst = [...this.versions.keys()].reverse();
    for (const version of newestFirst.slice(this.keepVersions)) {
      if (version !== this.current) this.versions.delete(version);
    }
  }
}

function copySnapshot(model: ModelSnapshot): ModelSnapshot {
  return {
    metadata: structuredClone(model.metadata),
    itemIds: [...model.itemIds],
    itemVectors: model.itemVectors.slice(),
    userIds: [...model.userIds],
    userVectors: model.userVectors.slice(),
    seenItems: { offsets: model.seenItems.offsets.slice(), items: model.seenItems.items.slice() },
    popularItems: model.popularItems.slice(),
  };
}

/** Runs `work` now and turns a throw into a rejected promise, as an async method of the Redis store would. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
