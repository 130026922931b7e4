import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Logged events waiting for the realtime store while it is unreachable (see RealtimeBacklogEntity). */
export class CreateRealtimeBacklog1767484800000 implements MigrationInterface {
  name = 'CreateRealtimeBacklog1767484800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE realtime_backlog (
        event_id text COLLATE "C" NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT realtime_backlog_pkey PRIMARY KEY (event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE realtime_backlog');
  }
}
