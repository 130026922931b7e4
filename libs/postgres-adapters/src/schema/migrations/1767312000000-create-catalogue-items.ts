import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The storefront's catalogue (`catalogue_items`) and the sequence that numbers its changes. Every insert,
 * update and deletion takes the next revision, and the unique index on it serves the change feed.
 */
export class CreateCatalogueItems1767312000000 implements MigrationInterface {
  name = 'CreateCatalogueItems1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE catalogue_revision_seq AS bigint');
    await queryRunner.query(`
      CREATE TABLE catalogue_items (
        item_id text COLLATE "C" NOT NULL,
        category text,
        available boolean NOT NULL,
        properties jsonb NOT NULL,
        deleted boolean NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT catalogue_items_pkey PRIMARY KEY (item_id)
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX catalogue_items_revision_idx ON catalogue_items (revision)',
    );
    await queryRunner.query(
      'ALTER SEQUENCE catalogue_revision_seq OWNED BY catalogue_items.revision',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The sequence is owned by the column, so it goes with the table.
    await queryRunner.query('DROP TABLE catalogue_items');
  }
}
