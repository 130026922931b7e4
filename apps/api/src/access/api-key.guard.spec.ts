import { Controller, Get, Global, Module, Post, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RATE_LIMIT_STORE } from '../api-ports.module';
import { API_SETTINGS, type AccessSettings, type ApiSettings } from '../api-settings';
import { DomainErrorFilter } from '../http/domain-error.filter';
import { Access } from './access-level.decorator';
import { AccessModule } from './access.module';

@Controller('probe')
class ProbeController {
  @Get('public')
  @Access('public')
  open() {
    return { ok: true };
  }

  @Get('read')
  @Access('read')
  read() {
    return { ok: true };
  }

  @Post('write')
  @Access('write')
  write() {
    return { ok: true };
  }
}

const KEYS = { read: 'reader-key', write: 'writer-key', otherRead: 'other-reader-key' };

function accessModule(access: Partial<AccessSettings>): DynamicModule {
  @Global()
  @Module({})
  class TestSettingsModule {}
  const settings = {
    access: {
      readKeys: new Set([KEYS.read, KEYS.otherRead]),
      writeKeys: new Set([KEYS.write]),
      keysRequired: true,
      ratePerSecond: 2,
      rateBurst: 3,
      authFailuresPerMinute: 4,
      ...access,
    },
  } as ApiSettings;
  const providers = [
    { provide: API_SETTINGS, useValue: settings },
    { provide: RATE_LIMIT_STORE, useValue: { kind: 'memory', maxCounters: 100 } },
  ];
  return {
    module: TestSettingsModule,
    providers,
    exports: providers.map((provider) => provider.provide),
  };
}

async function appWith(access: Partial<AccessSettings> = {}): Promise<NestFastifyApplication> {
  @Module({
    imports: [accessModule(access), AccessModule],
    controllers: [ProbeController],
    providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
  })
  class ProbeModule {}
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('ApiKeyGuard and RateLimits (in-memory store)', () => {
  let app: NestFastifyApplication;
  const startMs = Date.UTC(2026, 11, 1, 12, 0, 0);

  beforeEach(() => {
    // Only the clock is faked: the in-memory store reads Date.now(), Nest and Fastify keep real timers.
    jest.useFakeTimers({
      now: startMs,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });

  afterEach(async () => {
    await app.close();
    jest.useRealTimers();
  });

  const get = (url: string, key?: string, remoteAddress = '10.0.0.1') =>
    app.inject({
      method: 'GET',
      url,
      remoteAddress,
      headers: key === undefined ? {} : { 'x-api-key': key },
    });

  it('allows a burst per key, then answers 429 with Retry-After and RateLimit headers until the window ends', async () => {
    app = await appWith(); // 3 requests per 1.5 s window: 2 per second sustained
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get('/probe/read', KEYS.read));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '2',
    });
    expect(answers[3].headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '2',
      'retry-after': '2',
    });
    expect(answers[3].json()).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED' });
    expect((await get('/probe/read', KEYS.otherRead)).statusCode).toBe(200);
    jest.setSystemTime(startMs + 1500);
    expect((await get('/probe/read', KEYS.read)).statusCode).toBe(200);
  });

  it('answers 401 without a valid key and 403 for a read key on a write endpoint; public needs no key and is not counted', async () => {
    app = await appWith({ rateBurst: 1 });
    expect((await get('/probe/read')).json()).toMatchObject({
      statusCode: 401,
      message: 'an API key is required (header x-api-key)',
    });
    expect((await get('/probe/read', 'nobody')).json()).toMatchObject({
      statusCode: 401,
      message: 'unknown API key',
    });
    const bearer = await app.inject({
      method: 'GET',
      url: '/probe/read',
      headers: { authorization: `Bearer ${KEYS.read}` },
    });
    expect(bearer.statusCode).toBe(200);
    const writeWithReadKey = await app.inject({
      method: 'POST',
      url: '/probe/write',
      headers: { 'x-api-key': KEYS.otherRead },
    });
    expect(writeWithReadKey.statusCode).toBe(403);
    const written = await app.inject({
      method: 'POST',
      url: '/probe/write',
      headers: { 'x-api-key': KEYS.write },
    });
    expect(written.statusCode).toBe(201);
    for (let i = 0; i < 5; i++) {
      const answer = await get('/probe/public', KEYS.read);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('limits requests without a valid key per client address; a valid key from that address still passes', async () => {
    app = await appWith();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/probe/read', `guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await get('/probe/read');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers).toMatchObject({ 'ratelimit-limit': '4', 'retry-after': '60' });
    expect((await get('/probe/read', 'guess', '10.0.0.2')).statusCode).toBe(401);
    expect((await get('/probe/read', KEYS.read)).statusCode).toBe(200);
    jest.setSystemTime(startMs + 60_000);
    expect((await get('/probe/read', 'guess')).statusCode).toBe(401);
  });

  it('lets everything through, uncounted, when no key is configured and keys are not required', async () => {
    app = await appWith({ readKeys: new Set(), writeKeys: new Set(), keysRequired: false });
    for (let i = 0; i < 5; i++) expect((await get('/probe/read')).statusCode).toBe(200);
  });
});
