import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` every `intervalMs` until it returns true; rejects after `timeoutMs` with a message naming
 * what it waited for (and `details()`, e.g. the last logs of a process).
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; what: string; intervalMs?: number; details?: () => string },
): Promise<void> {
  const deadlineMs = performance.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadlineMs) {
      const details = options.details ? `\n${options.details().slice(-4000)}` : '';
      throw new Error(
        `timed out after ${options.timeoutMs} ms waiting for ${options.what}${details}`,
      );
    }
    await sleep(options.intervalMs ?? 200);
  }
}
