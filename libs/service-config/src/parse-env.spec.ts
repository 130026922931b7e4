import { z } from 'zod';
import { boolVar, intVar, listVar, urlVar } from './env-fields';
import { ConfigError, parseEnv } from './parse-env';
import { redactSecrets } from './redact-secrets';
import { describeEnv } from './describe-env';

const schema = z.object({
  PORT: intVar({ default: 3000, min: 1, max: 65535, description: 'HTTP port' }),
  DEMO: boolVar({ default: true, description: 'seed demo data' }),
  KAFKA_BROKERS: listVar({ default: '127.0.0.1:9092', description: 'brokers' }),
  DATABASE_URL: urlVar({
    default: 'postgres://a:b@h/db',
    schemes: ['postgres'],
    description: 'db',
  }),
});

describe('parseEnv', () => {
  it('applies defaults and treats empty variables as unset', () => {
    expect(parseEnv(schema, { PORT: '' })).toEqual({
      PORT: 3000,
      DEMO: true,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      DATABASE_URL: 'postgres://a:b@h/db',
    });
  });

  it('parses values and ignores unrelated variables', () => {
    const config = parseEnv(schema, {
      PORT: '8080',
      DEMO: 'no',
      KAFKA_BROKERS: 'a:1, b:2',
      HOME: '/x',
    });
    expect(config).toMatchObject({ PORT: 8080, DEMO: false, KAFKA_BROKERS: ['a:1', 'b:2'] });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      parseEnv(schema, { PORT: '70000', DEMO: 'maybe', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'DEMO', 'PORT']);
  });
});

describe('redactSecrets', () => {
  it('hides secret values and URL passwords', () => {
    expect(
      redactSecrets({ API_KEYS: 'k1,k2', DATABASE_URL: 'postgres://u:pw@h:5432/db', PORT: 1 }),
    ).toEqual({ API_KEYS: '***', DATABASE_URL: 'postgres://u:***@h:5432/db', PORT: 1 });
  });
});

describe('describeEnv', () => {
  it('lists names, descriptions and defaults', () => {
    expect(describeEnv(schema)[0]).toEqual({
      name: 'PORT',
      description: 'HTTP port',
      default: 3000,
    });
  });
});
