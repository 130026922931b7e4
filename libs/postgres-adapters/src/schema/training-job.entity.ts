import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A row of `training_jobs`: one requested training run and what became of it. */
@Entity({ name: 'training_jobs' })
@Check(
  'training_jobs_status_check',
  "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')",
)
@Index('training_jobs_queued_idx', ['queuePosition'], { where: "status = 'queued'" })
// GET /training-jobs: newest first, of every status or of one.
@Index('training_jobs_listing_idx', ['queuePosition'])
@Index('training_jobs_status_listing_idx', ['status', 'queuePosition'])
// At most one running job, enforced by the database as well as by the claim lock.
@Index('training_jobs_one_running_idx', ['status'], { unique: true, where: "status = 'running'" })
export class TrainingJobEntity {
  // gen_random_uuid() (the data source sets uuidExtension 'pgcrypto'; built into PostgreSQL 13+).
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, unknown>;

  // clock_timestamp(), not now(): jobs enqueued in one transaction still get a first-come order.
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;

  // First come, first served, even for jobs enqueued within one clock tick.
  @Column({ name: 'queue_position', type: 'bigint' })
  @Generated('increment')
  queuePosition!: string;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'worker_id', type: 'text', nullable: true })
  workerId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  metrics!: Record<string, number> | null;

  @Column({ name: 'model_version', type: 'text', nullable: true })
  modelVersion!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  // What the trainer reported after its last epoch (JobProgress); kept after the job ends.
  @Column({ type: 'jsonb', nullable: true })
  progress!: Record<string, unknown> | null;
}
