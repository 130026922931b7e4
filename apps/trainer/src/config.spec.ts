import { ConfigError } from '@recsys/service-config';
import { loadTrainerConfig, trainerEnvSchema, trainerSettingsFrom } from './config';

/** The variables a ConfigError names, sorted; fails when the environment is accepted. */
function badVariablesOf(env: Record<string, string>): string[] {
  try {
    loadTrainerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.split(':')[0]).sort();
  }
  throw new Error('expected a ConfigError');
}

describe('trainer config', () => {
  it('parses an empty environment: every variable has a default', () => {
    const config = loadTrainerConfig({});
    expect(Object.keys(config).sort()).toEqual(Object.keys(trainerEnvSchema.shape).sort());
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://recsys:recsys@127.0.0.1:5432/recsys',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'recsys:',
      TRAIN_DIM: 'auto',
      TRAIN_MARGIN: 'auto',
      TRAIN_SEED: 'auto',
      TRAIN_THREADS: 'auto',
    });
  });

  it('rejects bad values, naming every bad variable at once', () => {
    const bad = {
      REDIS_URL: 'http://127.0.0.1:6379',
      TRAIN_DIM: '1',
      TRAIN_EPOCHS: 'many',
      TRAIN_HOLDOUT_RATIO: '0.9',
      TRAIN_MIN_RECALL: '2',
      TRAINER_POLL_INTERVAL_MS: '5',
    };
    expect(badVariablesOf({ ...bad, TRAIN_SEED: '7' })).toEqual(Object.keys(bad).sort());
  });

  it("leaves every engine option but threads (all cores) to the engine's defaults", () => {
    expect(trainerSettingsFrom(loadTrainerConfig({}), 1, 6).train).toEqual({ threads: 6 });
  });

  it('reads every engine option, choices and the negative mix included', () => {
    const settings = trainerSettingsFrom(
      loadTrainerConfig({
        TRAIN_LOSS: 'bpr',
        TRAIN_OPTIMIZER: 'lazy-adam',
        TRAIN_NEGATIVE_MIX: 'hardest=2, uniform=1',
        TRAIN_IN_BATCH: 'batch-all',
        TRAIN_NEGATIVES_PER_POSITIVE: '0',
        TRAIN_WARMUP_EPOCHS: '3',
        TRAIN_HARD_CANDIDATES: '8',
      }),
      1,
      2,
    );
    expect(settings.train).toEqual({
      loss: 'bpr',
      optimizer: 'lazy-adam',
      negativeMix: { hardest: 2, uniform: 1 },
      inBatchNegatives: 'batch-all',
      negativesPerPositive: 0,
      hardNegativeWarmupEpochs: 3,
      hardNegativeCandidates: 8,
      threads: 2,
    });
  });

  it('refuses a bad engine option with the bounds of a training job', () => {
    expect(() =>
      loadTrainerConfig({ TRAIN_LOSS: 'hinge', TRAIN_NEGATIVE_MIX: 'hardest=0' }),
    ).toThrow(
      /TRAIN_LOSS: must be one of triplet.*\n.*TRAIN_NEGATIVE_MIX: needs a source with a positive weight/,
    );
    expect(badVariablesOf({ TRAIN_DIM: '513', TRAIN_NEGATIVE_MIX: 'random=1,hardest=1' })).toEqual([
      'TRAIN_DIM',
      'TRAIN_NEGATIVE_MIX',
    ]);
  });

  it('leaves the learning rate to the engine (catalogue-sized) unless it is set', () => {
    expect(trainerSettingsFrom(loadTrainerConfig({}), 1).train).not.toHaveProperty('learningRate');
    expect(badVariablesOf({ TRAIN_LEARNING_RATE: '0' })).toEqual(['TRAIN_LEARNING_RATE']);
  });

  it('turns the training variables into trainer settings', () => {
    const config = loadTrainerConfig({
      TRAINER_WORKER_ID: 'gpu-box',
      TRAIN_DIM: '32',
      TRAIN_EPOCHS: '5',
      TRAIN_LEARNING_RATE: '0.01',
      TRAIN_MARGIN: '0.2',
      TRAIN_SEED: '9',
      TRAIN_THREADS: '4',
    });
    const settings = trainerSettingsFrom(config, 1234);
    expect(settings.workerId).toBe('gpu-box-1234');
    expect(settings.train).toMatchObject({
      dim: 32,
      epochs: 5,
      learningRate: 0.01,
      margin: 0.2,
      seed: 9,
      threads: 4,
    });
    expect(settings.evaluationThreads).toBe(2);
  });

  it('reads the gate: tolerance, floor and how the published model learns the held-out likes', () => {
    const defaults = trainerSettingsFrom(loadTrainerConfig({}), 1);
    expect(defaults).toMatchObject({ gateTolerance: 0.02, minRecall: 0.01, finalFit: 'retrain' });
    const set = trainerSettingsFrom(
      loadTrainerConfig({
        TRAIN_GATE_TOLERANCE: '0.05',
        TRAIN_FINAL_FIT: 'warm-start',
        TRAIN_WARM_START_EPOCHS: '3',
      }),
      1,
    );
    expect(set).toMatchObject({ gateTolerance: 0.05, finalFit: 'warm-start', warmStartEpochs: 3 });
    expect(badVariablesOf({ TRAIN_GATE_TOLERANCE: '-1', TRAIN_FINAL_FIT: 'both' })).toEqual([
      'TRAIN_FINAL_FIT',
      'TRAIN_GATE_TOLERANCE',
    ]);
  });
});
