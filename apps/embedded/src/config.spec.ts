import { ConfigError } from '@recsys/service-config';
import { embeddedEnvSchema, loadEmbeddedConfig } from './config';

/** The variables a ConfigError names, sorted; fails when the environment is accepted. */
function badVariablesOf(env: Record<string, string>): string[] {
  try {
    loadEmbeddedConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.split(':')[0]).sort();
  }
  throw new Error('expected a ConfigError');
}

describe('embedded config', () => {
  it('parses an empty environment: every variable has a default', () => {
    const config = loadEmbeddedConfig({});
    expect(Object.keys(config).sort()).toEqual(Object.keys(embeddedEnvSchema.shape).sort());
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      DATA_DIR: '.data',
      DEMO_DATA: true,
      WEIGHT_PURCHASE: 3,
      TRAIN_DIM: 64,
    });
  });

  it('reads no server connection: it runs without Kafka, Redis or PostgreSQL', () => {
    const names = Object.keys(embeddedEnvSchema.shape);
    expect(names.filter((name) => /^(DATABASE|REDIS|KAFKA)_/.test(name))).toEqual([]);
  });

  it('accepts PORT=0 (any free port) and yes/no switches', () => {
    expect(loadEmbeddedConfig({ PORT: '0', DEMO_DATA: 'no' })).toMatchObject({
      PORT: 0,
      DEMO_DATA: false,
    });
  });

  it('rejects bad values, naming every bad variable at once', () => {
    const bad = {
      PORT: '-1',
      DEMO_DATA: 'maybe',
      DEMO_ITEMS_PER_CLUSTER: '1',
      TRAIN_EPOCHS: '0',
      WEIGHT_LIKE: 'lots',
    };
    expect(badVariablesOf({ ...bad, DEMO_SEED: '3' })).toEqual(Object.keys(bad).sort());
  });
});
