import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The positive event types seen per (user, item), so the trainer weights pairs with the WEIGHT_* of the
 * job's time instead of the weight frozen in at ingest; filled from the event log for existing pairs.
 */
export class AddSignalPositiveTypes1767580100000 implements MigrationInterface {
  name = 'AddSignalPositiveTypes1767580100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE user_item_signals ADD COLUMN positive_types text[] NOT NULL DEFAULT '{}'",
    );
    await queryRunner.query(`
      UPDATE user_item_signals s SET positive_types = seen.types
      FROM (
        SELECT user_id, item_id, array_agg(DISTINCT type ORDER BY type) AS types
        FROM interaction_events
        WHERE polarity = 1
        GROUP BY user_id, item_id
      ) seen
      WHERE s.user_id = seen.user_id AND s.item_id = seen.item_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_item_signals DROP COLUMN positive_types');
  }
}
