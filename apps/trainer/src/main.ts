import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { redactSecrets } from '@recsys/service-config';
import { startStructuredLogs } from '@recsys/structured-logs';
import { loadTrainerConfig, trainerSettingsFrom } from './config';
import { openTrainerInfrastructure } from './infrastructure';
import { TrainerModule } from './trainer.module';

async function main(): Promise<void> {
  const config = loadTrainerConfig(process.env);
  const logs = startStructuredLogs({ app: 'trainer', level: config.LOG_LEVEL });
  const logger = new Logger('trainer');
  logger.log({ msg: 'config', config: redactSecrets(config) });
  const infrastructure = await openTrainerInfrastructure(config);
  const app = await NestFactory.createApplicationContext(
    TrainerModule.register({
      dependencies: infrastructure.dependencies,
      settings: trainerSettingsFrom(config, process.pid),
      health: { host: config.HEALTH_HOST, port: config.HEALTH_PORT },
    }),
    { logger: logs.nest },
  );
  await app.init();
  closeOnSignals([() => app.close(), () => infrastructure.close()], {
    timeoutMs: 30_000,
    log: (line) => logger.log(line),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
