import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProbeEndpoint } from '@recsys/process-lifecycle';
import { freePort } from '../../../bench/serving/free-port';

// The ingestor and the trainer provide their health endpoint through a factory: Nest must start it with
// the app and close it with the app.
describe('ProbeEndpoint provided to a Nest app', () => {
  it('listens once the app has started and stops with it', async () => {
    const port = await freePort();
    let ready = false;
    @Module({
      providers: [
        {
          provide: ProbeEndpoint,
          useFactory: () =>
            new ProbeEndpoint({
              host: '127.0.0.1',
              port,
              ready: () => ({ healthy: ready, body: { ready } }),
              log: () => undefined,
            }),
        },
      ],
    })
    class ProbedModule {}
    const app = await NestFactory.createApplicationContext(ProbedModule, { logger: false });
    app.enableShutdownHooks();
    await app.init();
    const url = `http://127.0.0.1:${port}/health/ready`;
    expect((await fetch(url)).status).toBe(503);
    ready = true;
    expect((await fetch(url)).status).toBe(200);
    await app.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});
