import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { redactSecrets } from '@recsys/service-config';
import { startStructuredLogs } from '@recsys/structured-logs';
import { ingestorSettingsFrom, loadIngestorConfig } from './config';
import { IngestorModule } from './ingestor.module';
import { openIngestorInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadIngestorConfig(process.env);
  const logs = startStructuredLogs({ app: 'ingestor', level: config.LOG_LEVEL });
  const logger = new Logger('ingestor');
  logger.log({ msg: 'config', config: redactSecrets(config) });
  const infrastructure = await openIngestorInfrastructure(config);
  const app = await NestFactory.createApplicationContext(
    IngestorModule.register({
      dependencies: infrastructure.dependencies,
      settings: ingestorSettingsFrom(config),
      health: {
        host: config.HEALTH_HOST,
        port: config.HEALTH_PORT,
        stallMs: config.INGESTOR_STALL_MS,
      },
    }),
    { logger: logs.nest },
  );
  await app.init();
  closeOnSignals([() => app.close(), () => infrastructure.close()], {
    timeoutMs: 10_000,
    log: (line) => logger.log(line),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
