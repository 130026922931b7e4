import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the latest like of each (user, item) happened (event time), for the trainer's temporal holdout:
 * the most recent likes of each user are what a new model is measured on. Backfilled from the event log;
 * null while the pair was never liked.
 */
export class AddUserItemLastLikedAt1767575000000 implements MigrationInterface {
  name = 'AddUserItemLastLikedAt1767575000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_item_signals ADD COLUMN last_liked_at timestamptz');
    await queryRunner.query(`
      UPDATE user_item_signals s SET last_liked_at = liked.at
      FROM (SELECT user_id, item_id, max(occurred_at) AS at
            FROM interaction_events WHERE polarity = 1
            GROUP BY user_id, item_id) liked
      WHERE liked.user_id = s.user_id AND liked.item_id = s.item_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_item_signals DROP COLUMN last_liked_at');
  }
}
