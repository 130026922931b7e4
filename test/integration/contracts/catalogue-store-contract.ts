// The contract of the CatalogueStore port, written once and run against every adapter: PostgreSQL and the
// embedded PGlite. One storage per suite; every test writes item ids of its own and reads the change feed
// from the revision it started at, so tests do not see each other's writes.
import { DomainError, type CatalogueItem, type CatalogueStore } from '@recsys/domain';

/** A catalogue store on storage of its own; `dispose` closes it. */
export interface CatalogueStoreHarness {
  catalogueStore: CatalogueStore;
  dispose(): Promise<void>;
}

const SETUP_TIMEOUT_MS = 120_000;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const LARGE_PAGE = 10_000;

const PROPERTIES = {
  title: 'Chaussures légères 👟',
  price: { amount: 59.9, currency: 'EUR' },
  sizes: [40, 41.5, 42],
  tags: ['running', 'sale'],
  discontinuedAt: null,
  featured: false,
};

let itemCounter = 0;
/** An item id no other test of the suite uses. */
const freshId = (label: string) => `${label}-${++itemCounter}`;

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
}

/** Reads the whole change feed after `afterRevision`, page by page. */
async function allChangesSince(
  store: CatalogueStore,
  afterRevision: number,
  pageSize = LARGE_PAGE,
): Promise<CatalogueItem[]> {
  const changes: CatalogueItem[] = [];
  for (let cursor = afterRevision; ;) {
    const page = await store.changesSince(cursor, pageSize);
    changes.push(...page);
    if (page.length < pageSize) return changes;
    cursor = page[page.length - 1].revision;
  }
}

/** The revision of the latest change so far (0 before any). */
async function headRevision(store: CatalogueStore): Promise<number> {
  const changes = await allChangesSince(store, 0);
  return changes.length === 0 ? 0 : changes[changes.length - 1].revision;
}

/** Declares the CatalogueStore contract tests against the store that `open` returns. */
export function describeCatalogueStoreContract(
  name: string,
  open: () => Promise<CatalogueStoreHarness>,
): void {
  describe(`CatalogueStore contract: ${name}`, () => {
    let harness: CatalogueStoreHarness;
    const store = () => harness.catalogueStore;

    beforeAll(async () => {
      harness = await open();
    }, SETUP_TIMEOUT_MS);
    afterAll(() => harness?.dispose(), SETUP_TIMEOUT_MS);

    describeWrites(store);
    describeChangeFeed(store);
  });
}

function describeWrites(store: () => CatalogueStore): void {
  it('stores an item and reads it back, properties JSON included', async () => {
    const itemId = freshId('shoe');
    const stored = await store().upsert({
      itemId,
      category: 'shoes',
      available: true,
      properties: PROPERTIES,
    });
    expect(stored).toEqual({
      itemId,
      category: 'shoes',
      available: true,
      properties: PROPERTIES,
      revision: expect.any(Number),
      updatedAt: expect.stringMatching(ISO_UTC),
      deleted: false,
    });
    expect(Number.isSafeInteger(stored.revision) && stored.revision > 0).toBe(true);
    expect(await store().get(itemId)).toEqual(stored);
  });

  it('replaces every field on update and takes a higher revision', async () => {
    const itemId = freshId('lamp');
    const first = await store().upsert({
      itemId,
      category: 'lighting',
      available: true,
      properties: { colour: 'red', watts: 40 },
    });
    const second = await store().upsert({
      itemId,
      category: null,
      available: false,
      properties: { colour: 'blue' },
    });
    expect(second).toMatchObject({ category: null, available: false, deleted: false });
    expect(second.properties).toEqual({ colour: 'blue' });
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(await store().get(itemId)).toEqual(second);
  });

  it('returns null for an unknown item, and ids are case-sensitive', async () => {
    const itemId = freshId('Case');
    await store().upsert({ itemId, category: null, available: true, properties: {} });
    expect(await store().get(freshId('never-stored'))).toBeNull();
    expect(await store().get(itemId.toLowerCase())).toBeNull();
  });

  it('removes an item: get is null, the tombstone keeps its fields, a second remove changes nothing', async () => {
    const itemId = freshId('gone');
    const stored = await store().upsert({
      itemId,
      category: 'x',
      available: true,
      properties: { a: 1 },
    });
    const tombstone = await store().remove(itemId);
    expect(tombstone).toMatchObject({ itemId, category: 'x', deleted: true });
    expect(tombstone.revision).toBeGreaterThan(stored.revision);
    expect(await store().get(itemId)).toBeNull();
    expect(await store().remove(itemId)).toEqual(tombstone);
    expect(await store().changesSince(tombstone.revision, 10)).toEqual([]);
  });

  it('records a tombstone for an item it never had, so followers stop recommending it', async () => {
    const before = await headRevision(store());
    const itemId = freshId('unknown');
    const tombstone = await store().remove(itemId);
    expect(tombstone).toEqual({
      itemId,
      category: null,
      available: false,
      properties: {},
      revision: expect.any(Number),
      updatedAt: expect.stringMatching(ISO_UTC),
      deleted: true,
    });
    expect(await store().get(itemId)).toBeNull();
    expect(await store().changesSince(before, 10)).toEqual([tombstone]);
    expect(await store().remove(itemId)).toEqual(tombstone);
  });

  it('brings a deleted item back on upsert, with a new revision', async () => {
    const itemId = freshId('phoenix');
    const created = await store().upsert({
      itemId,
      category: 'a',
      available: true,
      properties: {},
    });
    await store().remove(itemId);
    const revived = await store().upsert({
      itemId,
      category: 'b',
      available: true,
      properties: { back: true },
    });
    expect(revived).toMatchObject({ itemId, category: 'b', deleted: false });
    expect(revived.properties).toEqual({ back: true });
    expect(revived.revision).toBeGreaterThan(created.revision + 1);
    expect(await store().get(itemId)).toEqual(revived);
  });
}

function describeChangeFeed(store: () => CatalogueStore): void {
  it('lists a deletion as a tombstone with a new revision', async () => {
    const itemId = freshId('tomb');
    const created = await store().upsert({
      itemId,
      category: 'c',
      available: true,
      properties: { a: 1 },
    });
    await store().remove(itemId);
    const changes = await store().changesSince(created.revision - 1, 10);
    expect(changes.map((change) => change.itemId)).toEqual([itemId]);
    expect(changes[0]).toMatchObject({ itemId, deleted: true });
    expect(changes[0].revision).toBeGreaterThan(created.revision);
    expect(changes[0].updatedAt).toMatch(ISO_UTC);
  });

  it('lists changes after a revision in revision order, each item at its latest change', async () => {
    const before = await headRevision(store());
    const [a, b, c] = [freshId('feed'), freshId('feed'), freshId('feed')];
    for (const itemId of [a, b, c]) {
      await store().upsert({ itemId, category: null, available: true, properties: {} });
    }
    const latestA = await store().upsert({
      itemId: a,
      category: 'moved',
      available: true,
      properties: {},
    });
    const changes = await store().changesSince(before, 10);
    expect(changes.map((change) => change.itemId)).toEqual([b, c, a]);
    expect(changes[2]).toEqual(latestA);
    const revisions = changes.map((change) => change.revision);
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    expect(new Set(revisions).size).toBe(3);
    expect(await store().changesSince(latestA.revision, 10)).toEqual([]);
  });

  it('pages through the changes with a limit, without gaps or repeats', async () => {
    const before = await headRevision(store());
    const itemIds = [1, 2, 3, 4, 5].map(() => freshId('page'));
    for (const itemId of itemIds) {
      await store().upsert({ itemId, category: null, available: true, properties: {} });
    }
    const pageSizes: number[] = [];
    const seen: string[] = [];
    for (let cursor = before; ;) {
      const page = await store().changesSince(cursor, 2);
      pageSizes.push(page.length);
      seen.push(...page.map((change) => change.itemId));
      if (page.length < 2) break;
      cursor = page[page.length - 1].revision;
    }
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(itemIds);
  });

  it('returns nothing for a limit of 0 and rejects a bad limit or revision', async () => {
    const itemId = freshId('limit');
    const item = await store().upsert({ itemId, category: null, available: true, properties: {} });
    expect(await store().changesSince(item.revision - 1, 0)).toEqual([]);
    expect(await codeOf(store().changesSince(0, -1))).toBe('INVALID_LIMIT');
    expect(await codeOf(store().changesSince(0, 1.5))).toBe('INVALID_LIMIT');
    expect(await codeOf(store().changesSince(0.5, 10))).toBe('INVALID_REVISION');
  });

  it('gives concurrent writes distinct revisions, and a follower reading meanwhile misses none', async () => {
    const before = await headRevision(store());
    const itemIds = Array.from({ length: 30 }, () => freshId('burst'));
    const removed = (index: number) => index % 3 === 0;
    let writing = true;
    const following = follow(store(), before, () => writing);
    await Promise.all(
      itemIds.map(async (itemId, index) => {
        await store().upsert({ itemId, category: null, available: true, properties: { index } });
        if (removed(index)) await store().remove(itemId);
      }),
    );
    writing = false;
    const follower = await following;

    const changes = await allChangesSince(store(), before);
    expect(new Set(changes.map((change) => change.revision)).size).toBe(changes.length);
    expect(changes).toHaveLength(itemIds.length);
    for (const [index, itemId] of itemIds.entries()) {
      const latest = changes.find((change) => change.itemId === itemId);
      expect(follower.get(itemId)).toEqual(latest);
      expect(latest?.deleted).toBe(removed(index));
      expect(await store().get(itemId)).toEqual(removed(index) ? null : latest);
    }
  });
}

/**
 * Follows the change feed in small pages, as an api replica does, while `active()` holds, then reads to
 * the end; returns each item's latest change as the follower saw it.
 */
async function follow(
  store: CatalogueStore,
  afterRevision: number,
  active: () => boolean,
): Promise<Map<string, CatalogueItem>> {
  const seen = new Map<string, CatalogueItem>();
  let cursor = afterRevision;
  for (let wasActive = true; ; wasActive = active()) {
    const page = await store.changesSince(cursor, 7);
    for (const change of page) seen.set(change.itemId, change);
    if (page.length > 0) cursor = page[page.length - 1].revision;
    if (!wasActive && page.length < 7) return seen;
    if (page.length === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
