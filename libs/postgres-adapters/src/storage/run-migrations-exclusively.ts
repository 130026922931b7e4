import { type DataSource, MigrationExecutor } from 'typeorm';
import { MIGRATION_LOCK_KEY } from './advisory-lock-keys';

/**
 * Runs the pending migrations in one transaction while holding an advisory lock, so several processes
 * starting against a fresh database do not race to create the same tables. Uses a single connection
 * (PGlite has only one).
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      await executor.executePendingMigrations();
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
