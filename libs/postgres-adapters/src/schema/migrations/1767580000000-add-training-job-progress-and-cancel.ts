import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training jobs can be cancelled (a final status of its own) and report their progress per epoch (JSONB,
 * kept after the job ends). `GET /training-jobs` lists newest first, optionally by status: both orders are
 * index scans on the queue position.
 */
export class AddTrainingJobProgressAndCancel1767580000000 implements MigrationInterface {
  name = 'AddTrainingJobProgressAndCancel1767580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE training_jobs DROP CONSTRAINT training_jobs_status_check');
    await queryRunner.query(`
      ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_status_check
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'))`);
    await queryRunner.query('ALTER TABLE training_jobs ADD COLUMN progress jsonb');
    await queryRunner.query(
      'CREATE INDEX training_jobs_listing_idx ON training_jobs (queue_position)',
    );
    await queryRunner.query(
      'CREATE INDEX training_jobs_status_listing_idx ON training_jobs (status, queue_position)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX training_jobs_status_listing_idx');
    await queryRunner.query('DROP INDEX training_jobs_listing_idx');
    await queryRunner.query('ALTER TABLE training_jobs DROP COLUMN progress');
    await queryRunner.query("DELETE FROM training_jobs WHERE status = 'cancelled'");
    await queryRunner.query('ALTER TABLE training_jobs DROP CONSTRAINT training_jobs_status_check');
    await queryRunner.query(`
      ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_status_check
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))`);
  }
}
