import { z } from 'zod';
import { autoTrainingEnv } from './auto-training-env';
import { ConfigError, parseEnv } from './parse-env';
import { nextScheduledMs, parseTrainingSchedule } from './training-schedule';

const schema = z.object(autoTrainingEnv);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('autoTrainingEnv', () => {
  it('defaults to hourly, after 10,000 new signals, the first model after 100', () => {
    expect(parseEnv(schema, {})).toEqual({
      TRAIN_EVERY: '1h',
      TRAIN_AFTER_NEW_SIGNALS: 10_000,
      TRAIN_FIRST_MODEL_AFTER_SIGNALS: 100,
      TRAIN_CHECK_INTERVAL_MS: 10_000,
    });
  });

  it('reads off as 0 and accepts durations and cron expressions', () => {
    expect(
      parseEnv(schema, {
        TRAIN_EVERY: '*/15 * * * *',
        TRAIN_AFTER_NEW_SIGNALS: 'off',
        TRAIN_FIRST_MODEL_AFTER_SIGNALS: '0',
      }),
    ).toMatchObject({
      TRAIN_EVERY: '*/15 * * * *',
      TRAIN_AFTER_NEW_SIGNALS: 0,
      TRAIN_FIRST_MODEL_AFTER_SIGNALS: 0,
    });
    expect(parseEnv(schema, { TRAIN_EVERY: 'off' }).TRAIN_EVERY).toBe('off');
  });

  it('names every bad variable', () => {
    const problems = problemsOf({
      TRAIN_EVERY: '61 * * * *',
      TRAIN_AFTER_NEW_SIGNALS: '-1',
      TRAIN_FIRST_MODEL_AFTER_SIGNALS: 'soon',
      TRAIN_CHECK_INTERVAL_MS: '5',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'TRAIN_AFTER_NEW_SIGNALS',
      'TRAIN_CHECK_INTERVAL_MS',
      'TRAIN_EVERY',
      'TRAIN_FIRST_MODEL_AFTER_SIGNALS',
    ]);
    expect(problems.find((p) => p.startsWith('TRAIN_EVERY'))).toMatch(/duration such as 30m/);
  });
});

describe('parseTrainingSchedule', () => {
  it('reads off, durations in s, m, h, d and cron expressions', () => {
    expect(parseTrainingSchedule('off')).toEqual({ kind: 'off' });
    expect(parseTrainingSchedule('45s')).toEqual({ kind: 'every', everyMs: 45_000 });
    expect(parseTrainingSchedule('30m')).toEqual({ kind: 'every', everyMs: 1_800_000 });
    expect(parseTrainingSchedule(' 1h ')).toEqual({ kind: 'every', everyMs: 3_600_000 });
    expect(parseTrainingSchedule('1d')).toEqual({ kind: 'every', everyMs: 86_400_000 });
    expect(parseTrainingSchedule('0 3 * * *')).toEqual({ kind: 'cron', expression: '0 3 * * *' });
  });

  it('rejects a zero duration, unknown units and malformed cron expressions', () => {
    for (const bad of ['0m', '1w', '1.5h', 'hourly', '* * *', '0 25 * * *']) {
      expect(() => parseTrainingSchedule(bad)).toThrow();
    }
  });
});

describe('nextScheduledMs', () => {
  const at = (iso: string) => Date.parse(iso);

  it('fires a duration at whole multiples of it since the epoch, strictly after the given time', () => {
    const hourly = parseTrainingSchedule('1h');
    expect(nextScheduledMs(hourly, at('2026-12-02T03:34:57Z'))).toBe(at('2026-12-02T04:00:00Z'));
    expect(nextScheduledMs(hourly, at('2026-12-02T04:00:00Z'))).toBe(at('2026-12-02T05:00:00Z'));
  });

  it('fires a cron expression at its next time in UTC', () => {
    const nightly = parseTrainingSchedule('30 2 * * *');
    expect(nextScheduledMs(nightly, at('2026-12-02T03:00:00Z'))).toBe(at('2026-12-03T02:30:00Z'));
    expect(nextScheduledMs(nightly, at('2026-12-02T01:00:00Z'))).toBe(at('2026-12-02T02:30:00Z'));
  });

  it('never fires when off', () => {
    expect(nextScheduledMs({ kind: 'off' }, 0)).toBeNull();
  });
});
