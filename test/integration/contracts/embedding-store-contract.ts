// The contract of the EmbeddingStore port, written once and run against every adapter: real Redis and
// the in-memory store of the embedded mode.
import { DomainError, type EmbeddingStore } from '@recsys/domain';
import { makeModel, sameBytes, sameModel } from './embedding-store-model-fixture';

/** One store on storage of its own (a fresh key prefix for Redis), disposed after each test. */
export interface EmbeddingStoreHarness {
  store: EmbeddingStore;
  dispose(): Promise<void>;
}

/** Options every adapter must honour. */
export interface EmbeddingStoreContractOptions {
  keepVersions: number;
}

const SMALL = { itemCount: 300, userCount: 40, dim: 8 };

/** Resolves once `condition()` holds; a deadline against hangs, never a speed assertion. */
async function waitUntil(condition: () => boolean, description: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

/** Records the notifications a store sends, and the current version seen when each arrived. */
async function recordNotifications(store: EmbeddingStore) {
  const versions: string[] = [];
  const currentWhenNotified: (string | null)[] = [];
  const unsubscribe = await store.subscribe((version) => {
    versions.push(version);
    void store.currentVersion().then((current) => currentWhenNotified.push(current));
  });
  const received = async (count: number): Promise<string[]> => {
    await waitUntil(() => currentWhenNotified.length >= count, `${count} notification(s)`);
    return versions.slice(0, count);
  };
  return { versions, currentWhenNotified, received, unsubscribe };
}

/** Declares the EmbeddingStore contract tests against the stores that `create` makes. */
export function describeEmbeddingStoreContract(
  name: string,
  create: (options: EmbeddingStoreContractOptions) => Promise<EmbeddingStoreHarness>,
): void {
  describe(`EmbeddingStore contract: ${name}`, () => {
    let harnesses: EmbeddingStoreHarness[] = [];
    const open = async (options: EmbeddingStoreContractOptions = { keepVersions: 5 }) => {
      const harness = await create(options);
      harnesses.push(harness);
      return harness.store;
    };

    afterEach(async () => {
      await Promise.all(harnesses.map((harness) => harness.dispose()));
      harnesses = [];
    });

    it('starts empty: no current version, no versions, null for an unknown one', async () => {
      const store = await open();
      expect(await store.currentVersion()).toBeNull();
      expect(await store.listVersions()).toEqual([]);
      expect(await store.load('never-published')).toBeNull();
    });

    it('round-trips a model exactly: metadata, ids and float32 bytes', async () => {
      const store = await open();
      const model = makeModel({ version: 'v1', ...SMALL });
      await store.publish(model);
      const loaded = await store.load('v1');
      expect(loaded).not.toBeNull();
      expect(loaded!.metadata).toEqual(model.metadata);
      expect(loaded!.itemIds).toEqual(model.itemIds);
      expect(loaded!.userIds).toEqual(model.userIds);
      expect(sameBytes(loaded!.itemVectors, model.itemVectors)).toBe(true);
      expect(sameBytes(loaded!.userVectors, model.userVectors)).toBe(true);
      expect(sameModel(loaded!, model)).toBe(true);
    });

    it('round-trips a model without users or items', async () => {
      const store = await open();
      const model = makeModel({ version: 'empty', itemCount: 0, userCount: 0, dim: 4 });
      await store.publish(model);
      expect(sameModel((await store.load('empty'))!, model)).toBe(true);
    });

    it('accepts any version string, colons and spaces included', async () => {
      const store = await open();
      const version = '2024-05-06T07:08:09Z job:42 é';
      const model = makeModel({ version, ...SMALL });
      await store.publish(model);
      expect(await store.currentVersion()).toBe(version);
      expect(sameModel((await store.load(version))!, model)).toBe(true);
      expect((await store.listVersions()).map((metadata) => metadata.version)).toEqual([version]);
    });

    it('keeps the published version apart from the caller arrays, before and after load', async () => {
      const store = await open();
      const model = makeModel({ version: 'v1', ...SMALL });
      const original = model.itemVectors.slice();
      await store.publish(model);
      model.itemVectors.fill(0);
      model.itemIds[0] = 'changed';
      const first = (await store.load('v1'))!;
      first.itemVectors.fill(1);
      const second = (await store.load('v1'))!;
      expect(sameBytes(second.itemVectors, original)).toBe(true);
      expect(second.itemIds[0]).not.toBe('changed');
    });

    it('makes each published version current and notifies after the switch', async () => {
      const store = await open();
      const notifications = await recordNotifications(store);
      await store.publish(makeModel({ version: 'v1', ...SMALL }));
      expect(await store.currentVersion()).toBe('v1');
      expect(await notifications.received(1)).toEqual(['v1']);
      await store.publish(makeModel({ version: 'v2', ...SMALL }));
      expect(await store.currentVersion()).toBe('v2');
      expect(await notifications.received(2)).toEqual(['v1', 'v2']);
      expect(notifications.currentWhenNotified).toEqual(['v1', 'v2']);
    });

    it('activates an older version and notifies; an unknown one is MODEL_NOT_FOUND', async () => {
      const store = await open();
      await store.publish(makeModel({ version: 'v1', ...SMALL }));
      await store.publish(makeModel({ version: 'v2', ...SMALL }));
      const notifications = await recordNotifications(store);
      await store.activate('v1');
      expect(await store.currentVersion()).toBe('v1');
      expect(await notifications.received(1)).toEqual(['v1']);
      expect(await codeOf(store.activate('v404'))).toBe('MODEL_NOT_FOUND');
      expect(await store.currentVersion()).toBe('v1');
      await store.activate('v2');
      expect(await notifications.received(2)).toEqual(['v1', 'v2']);
    });

    it('stores a version without making it current when asked, lists it, and activates it by hand', async () => {
      const store = await open();
      const notifications = await recordNotifications(store);
      await store.publish(makeModel({ version: 'v1', ...SMALL }));
      await notifications.received(1);
      const rejected = makeModel({ version: 'v2', ...SMALL });
      rejected.metadata.rejected = 'held-out recall@10 0.1000 is below the serving 0.3000 - 0.02';
      await store.publish(rejected, { makeCurrent: false });
      expect(await store.currentVersion()).toBe('v1');
      const listed = await store.listVersions();
      expect(listed.map((m) => [m.version, m.rejected])).toEqual([
        ['v2', rejected.metadata.rejected],
        ['v1', undefined],
      ]);
      expect(sameModel((await store.load('v2'))!, rejected)).toBe(true);
      await store.activate('v2');
      expect(await store.currentVersion()).toBe('v2');
      // The store-only publish notified nobody: the next notification is the activation.
      expect(await notifications.received(2)).toEqual(['v1', 'v2']);
    });

    it('stops calling a listener once unsubscribed, and keeps calling the others', async () => {
      const store = await open();
      const stays = await recordNotifications(store);
      const leaves = await recordNotifications(store);
      await store.publish(makeModel({ version: 'v1', ...SMALL }));
      await leaves.received(1);
      await leaves.unsubscribe();
      await store.publish(makeModel({ version: 'v2', ...SMALL }));
      // Both listeners would get v2 from the same delivery: once `stays` has it, `leaves` would have too.
      expect(await stays.received(2)).toEqual(['v1', 'v2']);
      expect(leaves.versions).toEqual(['v1']);
    });

    it('lists versions most recently published first, with their metadata', async () => {
      const store = await open();
      const models = ['b-first', 'a-second', 'c-third'].map((version) =>
        makeModel({ version, ...SMALL }),
      );
      for (const model of models) await store.publish(model);
      await store.activate('b-first');
      const listed = await store.listVersions();
      expect(listed).toEqual(models.map((model) => model.metadata).reverse());
    });

    it('refuses to publish a version twice and keeps the first one', async () => {
      const store = await open();
      const first = makeModel({ version: 'v1', ...SMALL });
      await store.publish(first);
      const again = makeModel({ version: 'v1', itemCount: 5, userCount: 1, dim: 2 });
      expect(await codeOf(store.publish(again))).toBe('MODEL_VERSION_EXISTS');
      expect(sameModel((await store.load('v1'))!, first)).toBe(true);
    });

    it('refuses an inconsistent model with INVALID_MODEL and stores nothing', async () => {
      const store = await open();
      const model = makeModel({ version: 'bad', ...SMALL });
      model.metadata.itemCount += 1;
      expect(await codeOf(store.publish(model))).toBe('INVALID_MODEL');
      const withNewline = makeModel({ version: 'bad2', ...SMALL });
      withNewline.itemIds[3] = 'two\nlines';
      expect(await codeOf(store.publish(withNewline))).toBe('INVALID_MODEL');
      expect(await store.currentVersion()).toBeNull();
      expect(await store.listVersions()).toEqual([]);
    });

    it('keeps only the newest keepVersions versions after a publish', async () => {
      const store = await open({ keepVersions: 2 });
      for (const version of ['v1', 'v2', 'v3', 'v4']) {
        await store.publish(makeModel({ version, ...SMALL }));
      }
      expect((await store.listVersions()).map((metadata) => metadata.version)).toEqual([
        'v4',
        'v3',
      ]);
      expect(await store.load('v1')).toBeNull();
      expect(await store.load('v2')).toBeNull();
      expect(await codeOf(store.activate('v2'))).toBe('MODEL_NOT_FOUND');
      expect(await store.load('v3')).not.toBeNull();
      // A pruned version can be published again.
      await store.publish(makeModel({ version: 'v1', ...SMALL }));
      expect(await store.currentVersion()).toBe('v1');
    });

    it('never lets concurrent readers see a partial or mixed model', async () => {
      // keepVersions 1: each publish deletes the previous version, possibly while a reader loads it.
      const store = await open({ keepVersions: 1 });
      const shape = { itemCount: 2_000, userCount: 200, dim: 16 };
      const published = new Map<string, ReturnType<typeof makeModel>>();
      let publishing = true;
      const observed = { complete: 0, vanished: 0, wrong: [] as string[] };
      const readUntilPublished = async (): Promise<void> => {
        while (publishing || observed.complete < 3) {
          const version = await store.currentVersion();
          if (version === null) continue;
          const loaded = await store.load(version);
          if (loaded === null) observed.vanished += 1;
          else if (sameModel(loaded, published.get(version)!)) observed.complete += 1;
          else observed.wrong.push(version);
        }
      };
      const readers = [readUntilPublished(), readUntilPublished()];
      for (let i = 0; i < 15; i += 1) {
        const model = makeModel({ version: `v${i}`, ...shape });
        published.set(model.metadata.version, model);
        await store.publish(model);
      }
      publishing = false;
      await Promise.all(readers);
      expect(observed.wrong).toEqual([]);
      expect(observed.complete).toBeGreaterThanOrEqual(3);
    });
  });
}
