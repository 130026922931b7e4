import type { CatalogueItem, CatalogueItemInput, CatalogueStore } from '@recsys/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CATALOGUE_WRITE_LOCK_KEY } from '../storage/advisory-lock-keys';
import { queryRows } from '../storage/query-rows';
import { changeFeedPage } from './change-feed-page';
import {
  CATALOGUE_ITEM_COLUMNS,
  toCatalogueItem,
  type CatalogueItemRow,
} from './catalogue-item-row';

// clock_timestamp(), not now(): a write may have waited for the lock, and updated_at should follow the
// revision order. An upsert of a deleted item brings it back (deleted = false).
const UPSERT_SQL = `
  INSERT INTO catalogue_items
    (item_id, category, available, properties, deleted, revision, updated_at)
  VALUES ($1, $2, $3, $4::text::jsonb, false, nextval('catalogue_revision_seq'), clock_timestamp())
  ON CONFLICT (item_id) DO UPDATE SET
    category = EXCLUDED.category,
    available = EXCLUDED.available,
    properties = EXCLUDED.properties,
    deleted = false,
    revision = EXCLUDED.revision,
    updated_at = EXCLUDED.updated_at
  RETURNING ${CATALOGUE_ITEM_COLUMNS}`;

// A tombstone also for an item never stored; an item deleted already is left as it is (no new revision:
// RETURNING gives no row, and the existing tombstone is read instead).
const REMOVE_SQL = `
  INSERT INTO catalogue_items
    (item_id, category, available, properties, deleted, revision, updated_at)
  VALUES ($1, NULL, false, '{}'::jsonb, true, nextval('catalogue_revision_seq'), clock_timestamp())
  ON CONFLICT (item_id) DO UPDATE SET
    deleted = true,
    revision = EXCLUDED.revision,
    updated_at = EXCLUDED.updated_at
  WHERE NOT catalogue_items.deleted
  RETURNING ${CATALOGUE_ITEM_COLUMNS}`;

const TOMBSTONE_SQL = `
  SELECT ${CATALOGUE_ITEM_COLUMNS} FROM catalogue_items WHERE item_id = $1`;

const GET_SQL = `
  SELECT ${CATALOGUE_ITEM_COLUMNS} FROM catalogue_items WHERE item_id = $1 AND NOT deleted`;

const CHANGES_SQL = `
  SELECT ${CATALOGUE_ITEM_COLUMNS} FROM catalogue_items
  WHERE revision > $1::bigint
  ORDER BY revision
  LIMIT $2::bigint`;

/**
 * The catalogue in `catalogue_items`, numbered by `catalogue_revision_seq`.
 *
 * Why writes are serialised: nextval hands out a revision when a write runs, but the row becomes visible
 * when its transaction commits. Two concurrent writes could commit out of order (revision 5 visible before
 * 4), and a follower of `changesSince` that had already moved past 5 would never see 4. So every write
 * first takes one transaction-level advisory lock, held until it commits. PostgreSQL releases a
 * transaction's locks only after its commit is visible, so revisions are taken and become visible in the
 * same order: whenever a reader sees revision n, every lower revision is already visible.
 * The alternative, readers stopping below the oldest in-flight revision, needs that set (transaction ids
 * next to each row) and would still let an api replica that applies its own write at once run ahead of
 * a write in flight. Catalogue writes are storefront edits, rare next to reads: the lock costs little.
 */
export class PostgresCatalogueStore implements CatalogueStore {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(item: CatalogueItemInput): Promise<CatalogueItem> {
    const rows = await this.writeExclusively((manager) =>
      queryRows<CatalogueItemRow>(manager, UPSERT_SQL, [
        item.itemId,
        item.category,
        item.available,
        JSON.stringify(item.properties),
      ]),
    );
    return toCatalogueItem(rows[0]);
  }

  async remove(itemId: string): Promise<CatalogueItem> {
    const rows = await this.writeExclusively(async (manager) => {
      const written = await queryRows<CatalogueItemRow>(manager, REMOVE_SQL, [itemId]);
      return written.length > 0
        ? written
        : queryRows<CatalogueItemRow>(manager, TOMBSTONE_SQL, [itemId]);
    });
    return toCatalogueItem(rows[0]);
  }

  async get(itemId: string): Promise<CatalogueItem | null> {
    const rows = await queryRows<CatalogueItemRow>(this.dataSource.manager, GET_SQL, [itemId]);
    return rows.length === 0 ? null : toCatalogueItem(rows[0]);
  }

  /** Throws INVALID_REVISION or INVALID_LIMIT for arguments that are not integers (see changeFeedPage). */
  async changesSince(afterRevision: number, limit: number): Promise<CatalogueItem[]> {
    const page = changeFeedPage(afterRevision, limit);
    if (page.limit === 0) return [];
    const rows = await queryRows<CatalogueItemRow>(this.dataSource.manager, CHANGES_SQL, [
      String(page.afterRevision),
      String(page.limit),
    ]);
    return rows.map(toCatalogueItem);
  }

  /** Runs writes in a transaction that holds the catalogue write lock (see the class comment). */
  private writeExclusively<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await queryRows(manager, 'SELECT pg_advisory_xact_lock($1::bigint)', [
        CATALOGUE_WRITE_LOCK_KEY,
      ]);
      return work(manager);
    });
  }
}
