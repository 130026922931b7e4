import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiDependencies, ApiSettings } from './api-dependencies';
import { ApiModule } from './api.module';
import { configureHttp, createHttpAdapter } from './http/configure-http';

/** Builds the Nest application on Fastify (not yet listening); shared by main.ts and the embedded app. */
export async function createApiApp(options: {
  dependencies: ApiDependencies;
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
