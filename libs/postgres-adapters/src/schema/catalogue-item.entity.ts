import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A row of `catalogue_items`: what the storefront said about an item, and the revision of its latest change.
 * A deleted item stays as a tombstone (`deleted`), so followers of the change feed learn of the deletion.
 */
@Entity({ name: 'catalogue_items' })
// The change feed reads forwards from a revision; every write takes a new one, so it is unique.
@Index('catalogue_items_revision_idx', ['revision'], { unique: true })
export class CatalogueItemEntity {
  @PrimaryColumn({
    name: 'item_id',
    type: 'text',
    collation: 'C',
    primaryKeyConstraintName: 'catalogue_items_pkey',
  })
  itemId!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'boolean' })
  available!: boolean;

  @Column({ type: 'jsonb' })
  properties!: Record<string, unknown>;

  @Column({ type: 'boolean' })
  deleted!: boolean;

  // From the sequence catalogue_revision_seq, set explicitly by every write (no default: all writes go
  // through the store, which takes the write lock first).
  @Column({ type: 'bigint' })
  revision!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
