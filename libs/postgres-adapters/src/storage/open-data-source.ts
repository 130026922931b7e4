import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { pgliteDriverModule } from '../pglite/pglite-driver-module';
import { CatalogueItemEntity } from '../schema/catalogue-item.entity';
import { InteractionEventEntity } from '../schema/interaction-event.entity';
import { CreateRecsysSchema1767225600000 } from '../schema/migrations/1767225600000-create-recsys-schema';
import { CreateCatalogueItems1767312000000 } from '../schema/migrations/1767312000000-create-catalogue-items';
import { AddTrainingJobQueuePosition1767398400000 } from '../schema/migrations/1767398400000-add-training-job-queue-position';
import { CreateRealtimeBacklog1767484800000 } from '../schema/migrations/1767484800000-create-realtime-backlog';
import { AddTrainingJobTrigger1767571200000 } from '../schema/migrations/1767571200000-add-training-job-trigger';
import { AddUserItemLastLikedAt1767575000000 } from '../schema/migrations/1767575000000-add-user-item-last-liked-at';
import { AddTrainingJobProgressAndCancel1767580000000 } from '../schema/migrations/1767580000000-add-training-job-progress-and-cancel';
import { AddSignalPositiveTypes1767580100000 } from '../schema/migrations/1767580100000-add-signal-positive-types';
import { AddInteractionEventsReceivedAtBrin1767600000000 } from '../schema/migrations/1767600000000-add-interaction-events-received-at-brin';
import { RealtimeBacklogEntity } from '../schema/realtime-backlog.entity';
import { TrainingJobEntity } from '../schema/training-job.entity';
import { TripletEntity } from '../schema/triplet.entity';
import { UserItemSignalEntity } from '../schema/user-item-signal.entity';
import { runMigrationsExclusively } from './run-migrations-exclusively';
import type { StorageTarget } from './storage-target';

const DEFAULT_POOL_SIZE = 10;

const COMMON_OPTIONS = {
  type: 'postgres',
  entities: [
    InteractionEventEntity,
    UserItemSignalEntity,
    TripletEntity,
    TrainingJobEntity,
    CatalogueItemEntity,
    RealtimeBacklogEntity,
  ],
  migrations: [
    CreateRecsysSchema1767225600000,
    CreateCatalogueItems1767312000000,
    AddTrainingJobQueuePosition1767398400000,
    CreateRealtimeBacklog1767484800000,
    AddTrainingJobTrigger1767571200000,
    AddUserItemLastLikedAt1767575000000,
    AddTrainingJobProgressAndCancel1767580000000,
    AddSignalPositiveTypes1767580100000,
    AddInteractionEventsReceivedAtBrin1767600000000,
  ],
  synchronize: false,
  migrationsRun: false,
  // The schema needs no extension: gen_random_uuid(), which TypeORM attributes to pgcrypto, is built into
  // PostgreSQL 13+ and PGlite.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  logging: false,
} as const satisfies PostgresConnectionOptions;

/** Connects to the target, brings its schema up to date and returns the initialised DataSource. */
export async function openDataSource(target: StorageTarget): Promise<DataSource> {
  if (target.kind === 'postgres') return initialiseAndMigrate(postgresDataSource(target));
  const pglite = await PGlite.create(
    target.dataDir === undefined ? {} : { dataDir: target.dataDir },
  );
  try {
    return await initialiseAndMigrate(
      new DataSource({ ...COMMON_OPTIONS, driver: pgliteDriverModule(pglite) }),
    );
  } catch (error) {
    // Free the data directory even if TypeORM failed before it had a pool to close.
    if (!pglite.closed) await pglite.close().catch(() => undefined);
    throw error;
  }
}

function postgresDataSource(target: Extract<StorageTarget, { kind: 'postgres' }>): DataSource {
  return new DataSource({
    ...COMMON_OPTIONS,
    url: target.url,
    poolSize: target.poolSize ?? DEFAULT_POOL_SIZE,
    applicationName: target.applicationName ?? 'recsys',
  });
}

async function initialiseAndMigrate(dataSource: DataSource): Promise<DataSource> {
  try {
    await dataSource.initialize();
  } catch (error) {
    // A half-initialised DataSource may still hold a pool: free it.
    await dataSource.driver.disconnect().catch(() => undefined);
    throw error;
  }
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
