import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiPorts } from './api-ports.module';
import type { ApiSettings } from './api-settings';
import { ApiModule } from './api.module';
import { configureHttp, createHttpAdapter } from './http/configure-http';

/** Builds the Nest application on Fastify (not yet listening); shared by main.ts and the embedded app. */
export async function createApiApp(options: {
  ports: ApiPorts;
  settings: ApiSettings;
  bodyLimitBytes: number;
}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(options),
    createHttpAdapter({ bodyLimitBytes: options.bodyLimitBytes }),
    { bufferLogs: false, bodyParser: false },
  );
  configureHttp(app);
  return app;
}
