import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { ingestorSettingsFrom } from '../../ingestor/src/config';
import { trainerSettingsFrom } from '../../trainer/src/config';
import { loadEmbeddedConfig } from './config';
import { DemoSeeder } from './demo/demo-seeder';
import { EmbeddedModule } from './embedded.module';
import { openEmbeddedInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadEmbeddedConfig(process.env);
  const logger = new Logger('recsys');
  const infra = await openEmbeddedInfrastructure(config);
  const clock = () => new Date();
  const { storage, channel, embeddingStore } = infra;
  const app = await NestFactory.create<NestFastifyApplication>(
    EmbeddedModule.register({
      api: {
        dependencies: {
          eventSink: channel,
          jobQueue: storage.jobQueue,
          embeddingStore,
          clock,
          readinessChecks: [{ name: 'database', check: () => storage.ping() }],
        },
        settings: {
          recommendDefaultLimit: config.RECOMMEND_DEFAULT_LIMIT,
          recommendMaxLimit: config.RECOMMEND_MAX_LIMIT,
          modelPollIntervalMs: 5000,
        },
      },
      ingestor: {
        dependencies: {
          eventSource: channel,
          deadLetterSink: channel,
          eventLog: storage.eventLog,
          clock,
        },
        settings: ingestorSettingsFrom(config),
      },
      trainer: {
        dependencies: {
          jobQueue: storage.jobQueue,
          tripletStore: storage.tripletStore,
          embeddingStore,
          clock,
        },
        settings: trainerSettingsFrom(config, process.pid),
      },
    }),
    new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES }),
  );
  closeOnSignals([() => app.close(), () => infra.close()], {
    timeoutMs: 30_000,
    log: (line) => logger.log(line),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const baseUrl = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`recsys (embedded) listening on ${baseUrl}`);
  const seeder = new DemoSeeder({
    eventSink: channel,
    eventLog: storage.eventLog,
    jobQueue: storage.jobQueue,
    embeddingStore,
    seedDemoData: config.DEMO_DATA,
    demo: {
      seed: config.DEMO_SEED,
      usersPerCluster: config.DEMO_USERS_PER_CLUSTER,
      itemsPerCluster: config.DEMO_ITEMS_PER_CLUSTER,
    },
    clock,
    log: (line) => logger.log(line),
    sleep: (ms) => sleep(ms),
  });
  const job = await seeder.prepare();
  if (job?.status === 'failed') logger.warn(`training failed: ${job.error}`);
  logger.log(`ready. Try: curl ${baseUrl}/recommend/user-1`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
