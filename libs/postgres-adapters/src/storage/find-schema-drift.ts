import { openDataSource } from './open-data-source';
import type { StorageTarget } from './storage-target';

/**
 * Migrates the target, then lists the SQL TypeORM would still run to make it match the entities: empty
 * when the migrations and the entity classes describe the same schema (a check for tests and operators).
 */
export async function findSchemaDrift(target: StorageTarget): Promise<string[]> {
  const dataSource = await openDataSource(target);
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    return pending.upQueries.map((statement) => statement.query);
  } finally {
    await dataSource.destroy();
  }
}
