import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { loadEmbeddedConfig } from './config';
import { DemoSeeder } from './demo/demo-seeder';
import { wireEmbedded } from './embedded-wiring';
import { EmbeddedModule } from './embedded.module';
import { openEmbeddedInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadEmbeddedConfig(process.env);
  const logger = new Logger('recsys');
  const infra = await openEmbeddedInfrastructure(config);
  const clock = () => new Date();
  const app = await NestFactory.create<NestFastifyApplication>(
    EmbeddedModule.register(wireEmbedded(config, infra, clock)),
    new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES }),
    { logger: ['log', 'warn', 'error'] },
  );
  closeOnSignals([() => app.close(), () => infra.close()], {
    timeoutMs: 30_000,
    log: (line) => logger.log(line),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const baseUrl = (await app.getUrl()).replace('[::1]', 'localhost');
  const readKey = config.API_READ_KEYS[0];
  logger.log(`recsys (embedded) listening on ${baseUrl}`);
  logger.log(
    `API keys: read ${config.API_READ_KEYS.join(',')} | write ${config.API_WRITE_KEYS.join(',')}`,
  );
  const seeder = new DemoSeeder({
    eventSink: infra.channel,
    eventLog: infra.storage.eventLog,
    jobQueue: infra.storage.jobQueue,
    embeddingStore: infra.embeddingStore,
    catalogueStore: infra.storage.catalogueStore,
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
  logger.log(`ready. Try: curl -H 'x-api-key: ${readKey}' ${baseUrl}/recommend/user-1`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
