/** An item that failed on its own, with the error of its last attempt. */
export interface IsolatedFailure<T> {
  item: T;
  error: unknown;
}

/** How a batch is retried before it is split. */
export interface IsolationOptions {
  /** Attempts of the whole batch before it is bisected (each half then gets one, and so on). */
  attemptsBeforeBisect: number;
  /** A failure that says nothing about the items (an outage): it propagates, and nothing is isolated. */
  isTransient: (error: unknown) => boolean;
}

/**
 * Runs `attempt` on the batch; if it keeps failing for a reason that is not transient, bisects it and
 * attempts the halves, in order, until the items that fail alone are found. Resolves with those items (every
 * other item was attempted successfully); rejects with the first transient failure, so the caller retries
 * the whole batch later and no item is blamed for an outage. A batch with one poison item of n costs about
 * attemptsBeforeBisect + 2·log2(n) attempts; the attempts must be idempotent.
 */
export async function isolateFailures<T>(
  items: readonly T[],
  attempt: (part: readonly T[]) => Promise<void>,
  options: IsolationOptions,
): Promise<IsolatedFailure<T>[]> {
  if (items.length === 0) return [];
  let lastError: unknown;
  for (let tries = 0; tries < Math.max(1, options.attemptsBeforeBisect); tries++) {
    try {
      await attempt(items);
      return [];
    } catch (error) {
      if (options.isTransient(error)) throw error;
      lastError = error;
    }
  }
  if (items.length === 1) return [{ item: items[0], error: lastError }];
  const middle = Math.ceil(items.length / 2);
  const halves = { ...options, attemptsBeforeBisect: 1 };
  const first = await isolateFailures(items.slice(0, middle), attempt, halves);
  const second = await isolateFailures(items.slice(middle), attempt, halves);
  return [...first, ...second];
}
