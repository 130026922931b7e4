import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StructuredLogs } from '@recsys/structured-logs';
import type { ApiPorts } from './api-ports.module';
import type { ApiSettings } from './api-settings';
import { ApiModule } from './api.module';
import { configureHttp, createHttpAdapter } from './http/configure-http';

/** Builds the Nest application on Fastify (not yet listening); shared by main.ts and the embedded app. */
export async function createApiApp(options: {
  ports: ApiPorts;
  settings: ApiSettings;
  bodyLimitBytes: number;
  /** The process's logs (main.ts); without, Nest's default logger and a silent Fastify (specs). */
  logs?: StructuredLogs;
}): Promise<NestFastifyApplication> {
  const { logs } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(options),
    createHttpAdapter({ bodyLimitBytes: options.bodyLimitBytes, logger: logs?.root }),
    { bufferLogs: false, bodyParser: false, ...(logs ? { logger: logs.nest } : {}) },
  );
  configureHttp(app);
  return app;
}
