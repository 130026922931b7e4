import type { EventSourceStatus } from '@recsys/domain';

/** The ingestor's health as its endpoint reports it. */
export interface IngestionVerdict {
  healthy: boolean;
  /** Why not, when not healthy. */
  problems: string[];
  /** How long the longest-failing partition has been retrying one batch (0: none is). */
  stalledForMs: number;
}

/**
 * Healthy while the consumer is a member of its group and no partition has been retrying one batch for
 * `stallMs` or more (an outage that outlasts it, or a failure that is never isolated). A realtime store
 * that is behind does not make it unhealthy: the durable path still flows, the backlog catches up.
 */
export function ingestionVerdict(
  status: EventSourceStatus,
  options: { nowMs: number; stallMs: number },
): IngestionVerdict {
  const problems: string[] = [];
  if (!status.consuming) problems.push('the consumer is not a member of its group');
  const stalledForMs =
    status.failingSinceMs === null ? 0 : Math.max(0, options.nowMs - status.failingSinceMs);
  if (stalledForMs >= options.stallMs) {
    problems.push(`a partition has been retrying one batch for ${stalledForMs} ms`);
  }
  return { healthy: problems.length === 0, problems, stalledForMs };
}
