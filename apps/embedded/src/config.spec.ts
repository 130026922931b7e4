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
      TRAIN_DIM: 'auto',
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

  describe('demo keys (issue item 17)', () => {
    it('uses the demo keys on loopback when none are configured', () => {
      for (const HOST of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
        expect(loadEmbeddedConfig({ HOST })).toMatchObject({
          API_READ_KEYS: ['demo-read-key'],
          API_WRITE_KEYS: ['demo-write-key'],
        });
      }
    });

    it('refuses to start on any other interface without configured keys', () => {
      for (const HOST of ['0.0.0.0', '::', '192.168.1.5', 'shop.example']) {
        expect(badVariablesOf({ HOST })).toEqual(['API_WRITE_KEYS']);
      }
    });

    it('refuses a demo key configured explicitly on a public interface', () => {
      const env = { HOST: '0.0.0.0', API_READ_KEYS: 'r-123', API_WRITE_KEYS: 'demo-write-key' };
      expect(badVariablesOf(env)).toEqual(['API_WRITE_KEYS']);
    });

    it('starts on a public interface with keys of its own', () => {
      const env = { HOST: '0.0.0.0', API_READ_KEYS: 'r-123', API_WRITE_KEYS: 'w-456' };
      expect(loadEmbeddedConfig(env)).toMatchObject({
        API_READ_KEYS: ['r-123'],
        API_WRITE_KEYS: ['w-456'],
      });
    });
  });
});
