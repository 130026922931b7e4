import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { startStructuredLogs } from '@recsys/structured-logs';
import { configureHttp, createHttpAdapter } from '../../api/src/http/configure-http';
import { ModelHolder } from '../../api/src/models/model-holder.service';
import { DEMO_API_KEYS, loadEmbeddedConfig, usesDemoKeys } from './config';
import { DemoSeeder } from './demo/demo-seeder';
import { EmbeddedModule } from './embedded.module';
import { openEmbeddedInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadEmbeddedConfig(process.env);
  const logs = startStructuredLogs({ app: 'recsys', level: config.LOG_LEVEL });
  const logger = new Logger('recsys');
  const infra = await openEmbeddedInfrastructure(config);
  const clock = () => new Date();
  const app = await NestFactory.create<NestFastifyApplication>(
    EmbeddedModule.register({ config, infra, clock }),
    createHttpAdapter({ bodyLimitBytes: config.BODY_LIMIT_BYTES, logger: logs.root }),
    { logger: logs.nest, bodyParser: false },
  );
  configureHttp(app);
  closeOnSignals([() => app.close(), () => infra.close()], {
    timeoutMs: 30_000,
    log: (line) => logger.log(line),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const baseUrl = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`recsys (embedded) listening on ${baseUrl}`);
  // Configured keys are secrets and never printed; the demo keys are public (and loopback only).
  const demo = usesDemoKeys(config);
  logger.log(
    demo
      ? `demo API keys (loopback only): read ${DEMO_API_KEYS.read} | write ${DEMO_API_KEYS.write}`
      : `API keys: ${config.API_READ_KEYS.length} read, ${config.API_WRITE_KEYS.length} write (from API_READ_KEYS / API_WRITE_KEYS)`,
  );
  const readKey = demo ? DEMO_API_KEYS.read : '<a key of API_READ_KEYS>';
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
  // The api swaps a published model in on its own; "ready" waits until it serves the one just trained.
  await app.get(ModelHolder).refresh();
  logger.log(`ready. Try: curl -H 'x-api-key: ${readKey}' ${baseUrl}/recommend/user-1`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
