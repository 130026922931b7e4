import { performance } from 'node:perf_hooks';

/** How long a 1 ms timer waited between runs: the event loop's responsiveness while work goes on. */
export interface TimerGaps {
  maxMs: number;
  p99Ms: number;
}

/** Starts a 1 ms timer that records its gaps; `stop()` ends it and summarises them. */
export function watchTimerGaps(): { stop: () => TimerGaps } {
  const gapsMs: number[] = [];
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gapsMs.push(now - lastTick);
    lastTick = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(ticker);
      gapsMs.sort((a, b) => a - b);
      return {
        maxMs: gapsMs[gapsMs.length - 1] ?? 0,
        p99Ms: gapsMs[Math.floor(gapsMs.length * 0.99)] ?? 0,
      };
    },
  };
}

/** Timer gaps of an idle event loop over `durationMs`: the machine's own noise, to compare builds with. */
export async function idleTimerGaps(durationMs: number): Promise<TimerGaps> {
  const watch = watchTimerGaps();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  return watch.stop();
}
