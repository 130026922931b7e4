import {
  afterQueued,
  decideAutoTraining,
  initialAutoTrainingState,
  isCheckDue,
  type AutoTrainingObservation,
  type AutoTrainingPolicy,
} from './auto-training-decision';

const HOUR_MS = 3_600_000;
// A fake clock: every time below is a number of ms since the epoch, chosen by the test.
const T0 = Date.parse('2026-12-02T03:10:00Z');
const hourly = (afterMs: number) => (Math.floor(afterMs / HOUR_MS) + 1) * HOUR_MS;

const policy = (overrides: Partial<AutoTrainingPolicy> = {}): AutoTrainingPolicy => ({
  nextScheduledMs: () => null,
  afterNewSignals: 1000,
  firstModelAfterSignals: 100,
  ...overrides,
});

const seen = (
  signalCount: number,
  overrides: Partial<AutoTrainingObservation> = {},
): AutoTrainingObservation => ({
  nowMs: T0,
  signalCount,
  current: null,
  newestModelSignalCount: 0,
  ...overrides,
});

const model = (version: string, signalCount: number | null) => ({ version, signalCount });

describe('decideAutoTraining', () => {
  it('trains the first model once the first-model threshold of signals is logged', () => {
    const state = initialAutoTrainingState(policy(), T0);
    expect(decideAutoTraining(policy(), state, seen(99)).trigger).toBeNull();
    expect(decideAutoTraining(policy(), state, seen(100))).toMatchObject({
      trigger: 'signals',
      newSignals: 100,
    });
  });

  it('uses the new-signals threshold for the first model when no first-model threshold is set', () => {
    const noFirst = policy({ firstModelAfterSignals: 0 });
    const state = initialAutoTrainingState(noFirst, T0);
    expect(decideAutoTraining(noFirst, state, seen(999)).trigger).toBeNull();
    expect(decideAutoTraining(noFirst, state, seen(1000)).trigger).toBe('signals');
  });

  it('counts new signals from the data of the newest model, rejected or older ones included', () => {
    const state = initialAutoTrainingState(policy(), T0);
    const serving = { current: model('v2', 5000), newestModelSignalCount: 5000 };
    expect(decideAutoTraining(policy(), state, seen(5999, serving))).toMatchObject({
      trigger: null,
      newSignals: 999,
    });
    expect(decideAutoTraining(policy(), state, seen(6000, serving)).trigger).toBe('signals');
    // A rejected candidate saw 5,800: only 200 are new to the trainer.
    const rejected = { current: model('v2', 5000), newestModelSignalCount: 5800 };
    expect(decideAutoTraining(policy(), state, seen(6000, rejected))).toMatchObject({
      trigger: null,
      newSignals: 200,
    });
  });

  it('never triggers on signals when both thresholds are off', () => {
    const off = policy({ afterNewSignals: 0, firstModelAfterSignals: 0 });
    const state = initialAutoTrainingState(off, T0);
    expect(isCheckDue(off, state, T0)).toBe(false);
    expect(decideAutoTraining(off, state, seen(1e9)).trigger).toBeNull();
  });

  it('does not retry on the same data after queuing a job that published nothing', () => {
    let state = initialAutoTrainingState(policy(), T0);
    const first = decideAutoTraining(policy(), state, seen(150));
    expect(first.trigger).toBe('signals');
    state = afterQueued(first.state, 150);
    // The job failed: no model, but the next one waits for another threshold of signals.
    expect(decideAutoTraining(policy(), state, seen(240)).trigger).toBeNull();
    expect(decideAutoTraining(policy(), state, seen(250)).trigger).toBe('signals');
  });

  it('takes a model published without a signal count to have seen the signals logged when first met', () => {
    let state = initialAutoTrainingState(policy(), T0);
    const offline = { current: model('offline', null) };
    const met = decideAutoTraining(policy(), state, seen(50_000, offline));
    expect(met).toMatchObject({ trigger: null, newSignals: 0 });
    state = met.state;
    expect(decideAutoTraining(policy(), state, seen(50_999, offline)).trigger).toBeNull();
    expect(decideAutoTraining(policy(), state, seen(51_000, offline)).trigger).toBe('signals');
  });

  describe('on a schedule', () => {
    const scheduled = policy({ nextScheduledMs: hourly, afterNewSignals: 0, firstModelAfterSignals: 0 }); // prettier-ignore
    const serving = { current: model('v1', 10), newestModelSignalCount: 10 };

    it('waits for the next scheduled time after start, then fires once per time', () => {
      const state = initialAutoTrainingState(scheduled, T0);
      expect(state.nextScheduledMs).toBe(Date.parse('2026-12-02T04:00:00Z'));
      const before = T0 + 49 * 60_000;
      expect(isCheckDue(scheduled, state, before)).toBe(false);
      expect(decideAutoTraining(scheduled, state, seen(11, { ...serving, nowMs: before })).trigger).toBeNull(); // prettier-ignore

      const at = Date.parse('2026-12-02T04:00:05Z');
      expect(isCheckDue(scheduled, state, at)).toBe(true);
      const fired = decideAutoTraining(scheduled, state, seen(11, { ...serving, nowMs: at }));
      expect(fired.trigger).toBe('schedule');
      expect(fired.state.nextScheduledMs).toBe(Date.parse('2026-12-02T05:00:00Z'));
      // The same time does not fire twice.
      const again = decideAutoTraining(scheduled, fired.state, seen(12, { ...serving, nowMs: at + 1000 })); // prettier-ignore
      expect(again.trigger).toBeNull();
    });

    it('uses up a scheduled time without new signals: nothing to learn', () => {
      const state = initialAutoTrainingState(scheduled, T0);
      const at = Date.parse('2026-12-02T04:00:00Z');
      const idle = decideAutoTraining(scheduled, state, seen(10, { ...serving, nowMs: at }));
      expect(idle.trigger).toBeNull();
      expect(idle.state.nextScheduledMs).toBe(Date.parse('2026-12-02T05:00:00Z'));
    });

    it('does not catch up on times missed while the trainer was busy', () => {
      const state = initialAutoTrainingState(scheduled, T0);
      const late = Date.parse('2026-12-02T07:30:00Z');
      const fired = decideAutoTraining(scheduled, state, seen(20, { ...serving, nowMs: late }));
      expect(fired.trigger).toBe('schedule');
      expect(fired.state.nextScheduledMs).toBe(Date.parse('2026-12-02T08:00:00Z'));
    });

    it('prefers the signals trigger when both fire', () => {
      const both = policy({ nextScheduledMs: hourly });
      const state = initialAutoTrainingState(both, T0);
      const at = Date.parse('2026-12-02T04:00:00Z');
      expect(decideAutoTraining(both, state, seen(5000, { ...serving, nowMs: at })).trigger).toBe('signals'); // prettier-ignore
    });
  });
});
