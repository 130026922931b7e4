import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it returns true; on timeout rejects naming what it waited for. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; what: string; intervalMs?: number; onTimeout?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      const detail = options.onTimeout ? `\n${options.onTimeout()}` : '';
      throw new Error(
        `timed out after ${options.timeoutMs} ms waiting for ${options.what}${detail}`,
      );
    }
    await sleep(options.intervalMs ?? 200);
  }
}
