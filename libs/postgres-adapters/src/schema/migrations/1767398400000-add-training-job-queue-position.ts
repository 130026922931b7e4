import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A first-come number per training job. `created_at` alone cannot order jobs enqueued in the same
 * millisecond (PGlite's clock has millisecond resolution), and the random uuid tie-break made FIFO flaky.
 */
export class AddTrainingJobQueuePosition1767398400000 implements MigrationInterface {
  name = 'AddTrainingJobQueuePosition1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE training_jobs ADD COLUMN queue_position bigserial NOT NULL',
    );
    await queryRunner.query('DROP INDEX training_jobs_queued_idx');
    await queryRunner.query(
      "CREATE INDEX training_jobs_queued_idx ON training_jobs (queue_position) WHERE status = 'queued'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX training_jobs_queued_idx');
    await queryRunner.query(
      "CREATE INDEX training_jobs_queued_idx ON training_jobs (created_at) WHERE status = 'queued'",
    );
    await queryRunner.query('ALTER TABLE training_jobs DROP COLUMN queue_position');
  }
}
