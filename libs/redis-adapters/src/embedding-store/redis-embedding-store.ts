import { randomBytes } from 'node:crypto';
import {
  checkModelSnapshot,
  DomainError,
  type EmbeddingStore,
  type ModelMetadata,
  type ModelSnapshot,
  type PublishOptions,
} from '@recsys/domain';
import type Redis from 'ioredis';
import { openRedisConnection, type RedisConnectionOptions } from '../open-redis-connection';

import { encodeModelSections, type EncodedModel } from './encode-model-sections';
import { ModelKeys } from './model-keys';
import { MODEL_SECTIONS, parseModelManifest, type ModelManifest } from './model-manifest';
import { ModelPublishedSubscription } from './model-published-subscription';
import { ACTIVATE_SCRIPT, COMPLETE_PUBLISH_SCRIPT, DROP_VERSION_SCRIPT } from './model-scripts';
import { readModelSnapshot } from './read-model-snapshot';
import { resolveStoreSettings, type StoreSettings } from './store-settings';
import { versionsToPrune } from './versions-to-prune';

/** Where Redis is and how the store keeps model versions there (see this lib's README for the keys). */
export type RedisEmbeddingStoreOptions = Omit<RedisConnectionOptions, 'connectionName'> &
  Partial<StoreSettings>;

/** Model versions in Redis: binary chunks per version, an atomic current pointer, pub/sub notifications. */
export class RedisEmbeddingStore implements EmbeddingStore {
  private readonly redis: Redis;
  private readonly keys: ModelKeys;
  private readonly subscription: ModelPublishedSubscription;
  private readonly settings: StoreSettings;
  private closed = false;

  constructor(options: RedisEmbeddingStoreOptions) {
    this.settings = resolveStoreSettings(options);
    this.keys = new ModelKeys(this.settings.keyPrefix);
    this.redis = openRedisConnection({ ...options, connectionName: 'recsys-embedding-store' });
    this.subscription = new ModelPublishedSubscription({
      channel: this.keys.publishedChannel,
      openConnection: () =>
        openRedisConnection({ ...options, connectionName: 'recsys-embedding-store-subscriber' }),
    });
  }

  /**
   * Writes every chunk (expiring until complete), then completes, switches and notifies in one script
   * (stores and lists only, with `makeCurrent: false`).
   */
  async publish(
    model: ModelSnapshot,
    options: PublishOptions = { makeCurrent: true },
  ): Promise<void> {
    checkModelSnapshot(model);
    const { version } = model.metadata;
    if ((await this.redis.exists(this.keys.manifest(version))) === 1) throw versionExists(version);
    const publishId = randomBytes(8).toString('hex');
    const encoded = encodeModelSections(model, this.settings.chunkBytes);
    const manifest: ModelManifest = {
      format: 1,
      publishId,
      chunkBytes: this.settings.chunkBytes,
      metadata: model.metadata,
      sections: encoded.sections,
    };
    await this.writeChunks(manifest, encoded);
    await this.completePublish(manifest, options.makeCurrent);
    await this.pruneOldVersions();
  }

  async currentVersion(): Promise<string | null> {
    return this.redis.get(this.keys.current);
  }

  async load(version: string): Promise<ModelSnapshot | null> {
    const manifest = await this.redis.get(this.keys.manifest(version));
    if (manifest === null) return null;
    return readModelSnapshot({
      redis: this.redis,
      keys: this.keys,
      manifest: parseModelManifest(manifest),
    });
  }

  /** Complete versions, most recently published first. */
  async listVersions(): Promise<ModelMetadata[]> {
    const versions = await this.redis.zrevrange(this.keys.versions, 0, -1);
    if (versions.length === 0) return [];
    const manifests = await this.redis.mget(versions.map((version) => this.keys.manifest(version)));
    return manifests
      .filter((manifest): manifest is string => manifest !== null)
      .map((manifest) => parseModelManifest(manifest).metadata);
  }

  async activate(version: string): Promise<void> {
    const switched = await this.redis.eval(
      ACTIVATE_SCRIPT,
      2,
      ...[this.keys.manifest(version), this.keys.current],
      ...[version, this.keys.publishedChannel],
    );
    if (switched !== 1) {
      throw new DomainError('MODEL_NOT_FOUND', `Model version ${version} does not exist`, {
        version,
      });
    }
  }

  async subscribe(listener: (version: string) => void): Promise<() => Promise<void>> {
    // Checked here because the subscriber connection opens lazily: a closed store must not reopen it.
    if (this.closed) throw new DomainError('STORE_CLOSED', 'The embedding store is closed');
    return this.subscription.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([
      this.subscription.close(),
      this.redis.quit().catch(() => this.redis.disconnect()),
    ]);
  }

  private async writeChunks(manifest: ModelManifest, encoded: EncodedModel): Promise<void> {
    const { version } = manifest.metadata;
    const { publishId } = manifest;
    // Issued at once: ioredis pipelines them on the socket; the buffers are views of the model's arrays.
    const writes = MODEL_SECTIONS.flatMap((section) =>
      encoded.chunks[section].map((chunk, index) =>
        this.redis.set(
          this.keys.chunk({ version, publishId, section, index }),
          chunk,
          'PX',
          this.settings.pendingChunkTtlMs,
        ),
      ),
    );
    await Promise.all(writes);
  }

  private async completePublish(manifest: ModelManifest, makeCurrent: boolean): Promise<void> {
    const { version } = manifest.metadata;
    const keys = [
      ...[this.keys.manifest(version), this.keys.current, this.keys.versions, this.keys.sequence],
      ...this.keys.chunksOf(manifest),
    ];
    const outcome = await this.redis.eval(
      COMPLETE_PUBLISH_SCRIPT,
      keys.length,
      ...keys,
      ...[version, JSON.stringify(manifest), this.keys.publishedChannel, makeCurrent ? '1' : '0'],
    );
    if (outcome === 'EXISTS') throw versionExists(version);
    if (outcome !== 'OK') {
      throw new DomainError(
        'MODEL_PUBLISH_FAILED',
        `Chunks of model ${version} expired before the publish completed`,
        { version, pendingChunkTtlMs: this.settings.pendingChunkTtlMs },
      );
    }
  }

  private async pruneOldVersions(): Promise<void> {
    const [newestFirst, current] = await Promise.all([
      this.redis.zrevrange(this.keys.versions, 0, -1),
      this.redis.get(this.keys.current),
    ]);
    const { keepVersions } = this.settings;
    for (const version of versionsToPrune({ newestFirst, current, keepVersions })) {
      await this.dropVersion(version);
    }
  }

  private async dropVersion(version: string): Promise<void> {
    const stored = await this.redis.get(this.keys.manifest(version));
    const manifest = stored === null ? null : parseModelManifest(stored);
    const keys = [
      ...[this.keys.manifest(version), this.keys.current, this.keys.versions],
      ...(manifest ? this.keys.chunksOf(manifest) : []),
    ];
    await this.redis.eval(
      DROP_VERSION_SCRIPT,
      keys.length,
      ...keys,
      ...[version, manifest?.publishId ?? ''],
    );
  }
}

function versionExists(version: string): DomainError {
  return new DomainError('MODEL_VERSION_EXISTS', `Model version ${version} is already published`, {
    version,
  });
}
