import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Runs one statement and returns its rows. Unlike `EntityManager.query`, whose result for UPDATE and
 * DELETE on `pg` is `[rows, rowCount]` but plain rows on PGlite (it reports no command tag), this is the
 * same for every statement on both drivers. Inside `dataSource.transaction(...)` pass that transaction's
 * manager; otherwise `dataSource.manager` (one pooled connection for the statement).
 */
export async function queryRows<Row>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  if (manager.queryRunner) return recordsOf<Row>(manager.queryRunner, sql, parameters);
  const runner = manager.connection.createQueryRunner();
  try {
    return await recordsOf<Row>(runner, sql, parameters);
  } finally {
    await runner.release();
  }
}

async function recordsOf<Row>(
  runner: QueryRunner,
  sql: string,
  parameters: unknown[],
): Promise<Row[]> {
  const result = await runner.query(sql, parameters, true);
  return result.records as Row[];
}
