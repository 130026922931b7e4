import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who asked for each training job: `manual` (the API; every job before this migration), or the trainer's
 * own `schedule` and `signals` triggers, which the queue admits only while it is idle.
 */
export class AddTrainingJobTrigger1767571200000 implements MigrationInterface {
  name = 'AddTrainingJobTrigger1767571200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE training_jobs ADD COLUMN trigger text NOT NULL DEFAULT 'manual'",
    );
    await queryRunner.query(
      "ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_trigger_check CHECK (trigger IN ('manual', 'schedule', 'signals'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE training_jobs DROP CONSTRAINT training_jobs_trigger_check',
    );
    await queryRunner.query('ALTER TABLE training_jobs DROP COLUMN trigger');
  }
}
