import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { PinoNestLogger } from './pino-nest-logger';
import { requestIdOf } from './request-id';

/** A destination that keeps every line written, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, raw, destination };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level name, ISO time and app, above the level only', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ app: 'api', level: 'info', pretty: false, destination });
    logger.debug('hidden');
    logger.info({ items: 3 }, 'served');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', app: 'api', items: 3, msg: 'served' });
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it('redacts key headers, key lists and connection-string passwords (keeping the host)', () => {
    const { lines, raw, destination } = capture();
    const logger = createLogger({ app: 'api', level: 'info', pretty: false, destination });
    logger.info({
      req: { headers: { 'x-api-key': 'sk-live-1', authorization: 'Bearer t0k3n', host: 'api' } },
      config: {
        DATABASE_URL: 'postgres://recsys:s3cret@db:5432/recsys',
        REDIS_URL: 'redis://:hunter2@cache:6379',
        API_WRITE_KEYS: ['write-key-1'],
        PORT: 3000,
      },
    });
    const line = lines[0] as { req: { headers: Record<string, string> }; config: Record<string, unknown> }; // prettier-ignore
    expect(line.req.headers).toEqual({ 'x-api-key': '[Redacted]', authorization: '[Redacted]', host: 'api' }); // prettier-ignore
    expect(line.config).toEqual({
      DATABASE_URL: 'postgres://recsys:***@db:5432/recsys',
      REDIS_URL: 'redis://:***@cache:6379',
      API_WRITE_KEYS: '[Redacted]',
      PORT: 3000,
    });
    for (const secret of ['sk-live-1', 't0k3n', 's3cret', 'hunter2', 'write-key-1']) {
      expect(raw[0]).not.toContain(secret);
    }
  });

  it('renders readable text instead of JSON when pretty', () => {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ app: 'api', level: 'info', pretty: true, destination });
    logger.info('hello there');
    const text = chunks.join('');
    expect(text).toContain('hello there');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });
});

describe('PinoNestLogger', () => {
  it("maps Nest's calls to levels, with the context, object fields and errors", () => {
    const { lines, destination } = capture();
    const nest = new PinoNestLogger(createLogger({ app: 'trainer', level: 'debug', pretty: false, destination })); // prettier-ignore
    nest.log('polling for training jobs', 'trainer');
    nest.warn({ msg: 'slow', reqId: 'r-1', ms: 12 }, 'http');
    nest.error('boom', 'Error: boom\n    at x', 'http');
    nest.error(new Error('bad'));
    nest.verbose('not at debug');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'trainer', msg: 'polling for training jobs' }), // prettier-ignore
      expect.objectContaining({ level: 'warn', context: 'http', msg: 'slow', reqId: 'r-1', ms: 12 }), // prettier-ignore
      expect.objectContaining({ level: 'error', context: 'http', msg: 'boom', stack: 'Error: boom\n    at x' }), // prettier-ignore
      expect.objectContaining({ level: 'error', msg: 'bad', err: expect.objectContaining({ message: 'bad' }) }), // prettier-ignore
    ]);
  });
});

describe('requestIdOf', () => {
  it("keeps a caller's sensible id and replaces anything else with a UUID", () => {
    expect(requestIdOf('gw-7f3a:01')).toBe('gw-7f3a:01');
    const uuid = /^[0-9a-f-]{36}$/;
    for (const bad of [undefined, '', 'a b', 'x'.repeat(129), '"}{"level":"fatal', ['a', 'b']]) {
      expect(requestIdOf(bad)).toMatch(uuid);
    }
  });
});
