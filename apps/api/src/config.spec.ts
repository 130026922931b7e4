import { ConfigError, parseEnv } from '@recsys/service-config';
import { apiEnvSchema, apiSettingsFrom, loadApiConfig } from './config';

/** The variables a ConfigError names, sorted; fails when the environment is accepted. */
function badVariablesOf(env: Record<string, string>): string[] {
  try {
    loadApiConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.split(':')[0]).sort();
  }
  throw new Error('expected a ConfigError');
}

describe('api config', () => {
  it('parses an empty environment: every variable has a default', () => {
    const config = parseEnv(apiEnvSchema, {});
    expect(Object.keys(config).sort()).toEqual(Object.keys(apiEnvSchema.shape).sort());
    expect(config).toMatchObject({
      HOST: '0.0.0.0',
      PORT: 3000,
      DATABASE_URL: 'postgres://recsys:recsys@127.0.0.1:5432/recsys',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'recsys-api',
      API_WRITE_KEYS: [],
    });
  });

  it('refuses to start open unless told so: the defaults need API keys or API_KEYS_REQUIRED=false', () => {
    expect(badVariablesOf({})).toEqual(['API_WRITE_KEYS']);
    expect(loadApiConfig({ API_KEYS_REQUIRED: 'false' })).toEqual(
      parseEnv(apiEnvSchema, {
        API_KEYS_REQUIRED: 'false',
      }),
    );
    expect(loadApiConfig({ API_WRITE_KEYS: 'k1' }).API_WRITE_KEYS).toEqual(['k1']);
  });

  it('rejects bad values, naming every bad variable at once', () => {
    const bad = {
      PORT: '0',
      API_KEYS_REQUIRED: 'maybe',
      RECOMMEND_MAX_LIMIT: '5000',
      REALTIME_WEIGHT: '2',
      DATABASE_URL: 'mysql://recsys@db/recsys',
      REDIS_URL: 'http://127.0.0.1:6379',
      KAFKA_BROKERS: ' , ',
    };
    expect(badVariablesOf({ ...bad, HOST: '127.0.0.1' })).toEqual(Object.keys(bad).sort());
  });

  it('turns the HTTP variables into api settings', () => {
    const config = loadApiConfig({
      API_READ_KEYS: 'r1, r2',
      API_WRITE_KEYS: 'w1',
      RECOMMEND_DEFAULT_LIMIT: '5',
      RECOMMEND_MAX_LIMIT: '50',
      MODEL_POLL_INTERVAL_MS: '250',
    });
    const settings = apiSettingsFrom(config, { keysRequired: config.API_KEYS_REQUIRED });
    expect(settings).toMatchObject({
      recommendDefaultLimit: 5,
      recommendMaxLimit: 50,
      modelPollIntervalMs: 250,
    });
    expect([...settings.access.readKeys]).toEqual(['r1', 'r2']);
    expect([...settings.access.writeKeys]).toEqual(['w1']);
    expect(settings.access.keysRequired).toBe(true);
  });
});
