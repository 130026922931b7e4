import type { AutomaticTrigger } from '@recsys/domain';

/** When the trainer queues a job by itself. Counts are liked/unliked events; 0 disables a trigger. */
export interface AutoTrainingPolicy {
  /** The first time strictly after a moment at which the schedule fires; null: never (no schedule). */
  nextScheduledMs: (afterMs: number) => number | null;
  /** New signals since the newest model's data that trigger a job; 0 = never. */
  afterNewSignals: number;
  /** The same while no model is serving (the first model); 0 = use `afterNewSignals`. */
  firstModelAfterSignals: number;
}

/** What one trainer remembers between checks. */
export interface AutoTrainingState {
  /** When the schedule fires next (ms since the epoch); null: never. */
  nextScheduledMs: number | null;
  /** The signal count when this trainer last queued a job: a job that fails is not retried on the same data. */
  queuedAtSignalCount: number;
  /**
   * A serving model that does not say what it saw (published offline by `recsys publish`): it is taken to
   * have seen the signals logged when this trainer first met it, so it is not replaced at once.
   */
  assumed: { version: string; signalCount: number } | null;
}

/** What a check reads from the stores. */
export interface AutoTrainingObservation {
  nowMs: number;
  /** Liked and unliked events in the log now. */
  signalCount: number;
  /** The serving model, and the signal count its data had (null when it does not say). */
  current: { version: string; signalCount: number | null } | null;
  /** The highest signal count any stored version was trained on (serving, older or rejected); 0 if none. */
  newestModelSignalCount: number;
}

export interface AutoTrainingDecision {
  /** The job to queue now, or null. */
  trigger: AutomaticTrigger | null;
  /** Signals logged since the data of the newest model (or of this trainer's last queued job). */
  newSignals: number;
  state: AutoTrainingState;
}

/** The state of a trainer that starts at `nowMs`: the schedule waits for its next time. */
export function initialAutoTrainingState(
  policy: AutoTrainingPolicy,
  nowMs: number,
): AutoTrainingState {
  return { nextScheduledMs: policy.nextScheduledMs(nowMs), queuedAtSignalCount: 0, assumed: null };
}

/** True when a check at `nowMs` could queue a job, so the stores are worth reading. */
export function isCheckDue(
  policy: AutoTrainingPolicy,
  state: AutoTrainingState,
  nowMs: number,
): boolean {
  return policy.afterNewSignals > 0 || policy.firstModelAfterSignals > 0 || isScheduleDue(state, nowMs); // prettier-ignore
}

/**
 * Decides whether to queue an automatic job. `signals`: at least the threshold of new signals since the
 * newest model's data (the first-model threshold while none serves). `schedule`: its time has passed and
 * at least one signal is new (retraining on the same data would learn nothing). A passed schedule time is
 * used up whether or not a job is queued, so a busy or idle trainer does not catch up on missed times.
 */
export function decideAutoTraining(
  policy: AutoTrainingPolicy,
  state: AutoTrainingState,
  observation: AutoTrainingObservation,
): AutoTrainingDecision {
  const { nowMs, current } = observation;
  const assumed =
    current && current.signalCount === null
      ? state.assumed?.version === current.version
        ? state.assumed
        : { version: current.version, signalCount: observation.signalCount }
      : null;
  const seen = Math.max(
    observation.newestModelSignalCount,
    current?.signalCount ?? 0,
    assumed?.signalCount ?? 0,
    state.queuedAtSignalCount,
  );
  const newSignals = Math.max(0, observation.signalCount - seen);
  const threshold =
    current === null && policy.firstModelAfterSignals > 0
      ? policy.firstModelAfterSignals
      : policy.afterNewSignals;
  const scheduleDue = isScheduleDue(state, nowMs);
  const next: AutoTrainingState = {
    ...state,
    assumed,
    nextScheduledMs: scheduleDue ? policy.nextScheduledMs(nowMs) : state.nextScheduledMs,
  };
  const trigger: AutomaticTrigger | null =
    threshold > 0 && newSignals >= threshold
      ? 'signals'
      : scheduleDue && newSignals > 0
        ? 'schedule'
        : null;
  return { trigger, newSignals, state: next };
}

/** The state after a job was queued at `signalCount`. */
export function afterQueued(state: AutoTrainingState, signalCount: number): AutoTrainingState {
  return { ...state, queuedAtSignalCount: Math.max(state.queuedAtSignalCount, signalCount) };
}

function isScheduleDue(state: AutoTrainingState, nowMs: number): boolean {
  return state.nextScheduledMs !== null && nowMs >= state.nextScheduledMs;
}
