/**
 * A long computation written as a generator that yields between slices of roughly equal work, so the same
 * code can run to completion at once (tests, worker threads) or pause between slices (a server's event loop).
 */
export type BuildSteps<T> = Generator<void, T, void>;

/**
 * Multiply-adds per slice: about 1-3 ms of one core (measured, HNSW at 64 dims on a loaded 2-core machine:
 * slices of p50 1.6 ms, p99 3.1 ms of CPU), so a request waits at most about that long for a build.
 */
export const WORK_PER_SLICE = 500_000;

/** Runs `steps` to completion without pausing. */
export function runStepsNow<T>(steps: BuildSteps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs `steps`, awaiting `pause` between slices so other work (requests) can run in between. */
export async function runStepsWithPauses<T>(
  steps: BuildSteps<T>,
  pause: () => Promise<void>,
): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** Lets every callback already queued on the event loop (I/O, timers) run before continuing. */
export function pauseForEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
