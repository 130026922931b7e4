import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the schema: the event log, each user's latest signal per item (kept with the log), the
 * derived triplets and the training job queue. Ids are opaque, so they use the byte-order collation
 * ("C"): the fastest to compare, and the same order on every server and in PGlite.
 */
export class CreateRecsysSchema1767225600000 implements MigrationInterface {
  name = 'CreateRecsysSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createEventTables(queryRunner);
    await createTripletTable(queryRunner);
    await createJobTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE training_jobs');
    await queryRunner.query('DROP TABLE triplets');
    await queryRunner.query('DROP TABLE user_item_signals');
    await queryRunner.query('DROP TABLE interaction_events');
  }
}

async function createEventTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE interaction_events (
      event_id text COLLATE "C" PRIMARY KEY,
      user_id text COLLATE "C" NOT NULL,
      item_id text COLLATE "C" NOT NULL,
      type text NOT NULL,
      value real,
      shown_item_ids jsonb,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      polarity smallint NOT NULL,
      weight real NOT NULL,
      CONSTRAINT interaction_events_polarity_check CHECK (polarity IN (-1, 0, 1))
    )`);
  await queryRunner.query(`
    CREATE TABLE user_item_signals (
      user_id text COLLATE "C" NOT NULL,
      item_id text COLLATE "C" NOT NULL,
      polarity smallint NOT NULL,
      signal_at timestamptz NOT NULL,
      signal_received_at timestamptz NOT NULL,
      signal_event_id text COLLATE "C" NOT NULL,
      max_positive_weight real,
      CONSTRAINT user_item_signals_pkey PRIMARY KEY (user_id, item_id),
      CONSTRAINT user_item_signals_polarity_check CHECK (polarity IN (-1, 1))
    )`);
  await queryRunner.query(`
    CREATE INDEX user_item_signals_recent_idx
      ON user_item_signals (user_id, polarity, signal_at, signal_received_at, signal_event_id)`);
}

async function createTripletTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE triplets (
      user_id text COLLATE "C" NOT NULL,
      positive_item_id text COLLATE "C" NOT NULL,
      negative_item_id text COLLATE "C" NOT NULL,
      source_event_id text COLLATE "C" NOT NULL,
      CONSTRAINT triplets_pkey
        PRIMARY KEY (user_id, positive_item_id, negative_item_id, source_event_id)
    )`);
}

async function createJobTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE training_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      status text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz,
      worker_id text,
      metrics jsonb,
      model_version text,
      error text,
      CONSTRAINT training_jobs_status_check
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))
    )`);
  await queryRunner.query(`
    CREATE INDEX training_jobs_queued_idx ON training_jobs (created_at) WHERE status = 'queued'`);
  await queryRunner.query(`
    CREATE UNIQUE INDEX training_jobs_one_running_idx
      ON training_jobs (status) WHERE status = 'running'`);
}
