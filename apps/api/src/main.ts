import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals } from '@recsys/process-lifecycle';
import { redactSecrets } from '@recsys/service-config';
import { startStructuredLogs } from '@recsys/structured-logs';
import { createApiApp } from './create-api-app';
import { apiSettingsFrom, loadApiConfig } from './config';
import { openApiInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadApiConfig(process.env);
  const logs = startStructuredLogs({ app: 'api', level: config.LOG_LEVEL });
  const logger = new Logger('api');
  logger.log({ msg: 'config', config: redactSecrets(config) });
  const infrastructure = await openApiInfrastructure(config);
  const app = await createApiApp({
    ports: infrastructure.ports,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    settings: apiSettingsFrom(config, { keysRequired: config.API_KEYS_REQUIRED }),
    logs,
  });
  closeOnSignals([() => app.close(), () => infrastructure.close()], {
    timeoutMs: 10_000,
    log: (line) => logger.log(line),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  logger.log(`listening on http://${config.HOST}:${config.PORT}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
