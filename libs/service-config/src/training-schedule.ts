import { Cron } from 'croner';

/** When automatic training runs by time: never, every fixed period, or at a cron expression's times (UTC). */
export type TrainingScheduleSpec =
  { kind: 'off' } | { kind: 'every'; everyMs: number } | { kind: 'cron'; expression: string };

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)\s*([smhd])$/;

/**
 * Reads `off`, a duration (`30m`, `1h`, `1d`; units s, m, h, d) or a cron expression (5 or 6 fields,
 * checked by croner); throws an Error saying what is accepted.
 */
export function parseTrainingSchedule(text: string): TrainingScheduleSpec {
  const trimmed = text.trim();
  if (trimmed === 'off') return { kind: 'off' };
  const duration = DURATION.exec(trimmed);
  if (duration) {
    const everyMs = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    if (everyMs <= 0) throw new Error('a duration must be longer than 0');
    return { kind: 'every', everyMs };
  }
  try {
    new Cron(trimmed, { timezone: 'UTC' }).stop();
  } catch (error) {
    throw new Error(
      `must be off, a duration such as 30m, 1h or 1d, or a cron expression (${(error as Error).message})`,
    );
  }
  return { kind: 'cron', expression: trimmed };
}

/**
 * The first time strictly after `afterMs` at which the schedule fires, or null (off, or a cron expression
 * that never fires again). A duration fires at whole multiples of itself since the Unix epoch (`1h` on the
 * hour, UTC), so every trainer of a deployment agrees on the times without talking to the others.
 */
export function nextScheduledMs(spec: TrainingScheduleSpec, afterMs: number): number | null {
  if (spec.kind === 'off') return null;
  if (spec.kind === 'every') return (Math.floor(afterMs / spec.everyMs) + 1) * spec.everyMs;
  const cron = new Cron(spec.expression, { timezone: 'UTC' });
  const next = cron.nextRun(new Date(afterMs));
  cron.stop();
  return next === null ? null : next.getTime();
}
