/** Something to close at shutdown, in order (e.g. stop taking requests first, then close the adapters). */
export type Closer = () => Promise<void>;

/**
 * On SIGTERM or SIGINT runs the closers in order, then exits; a second signal, or closers taking longer
 * than `timeoutMs`, exits at once so an orchestrator is never kept waiting.
 */
export function closeOnSignals(
  closers: readonly Closer[],
  options: { timeoutMs: number; log: (line: string) => void },
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    options.log(`${signal} received, shutting down`);
    setTimeout(() => {
      options.log(`shutdown took longer than ${options.timeoutMs} ms, exiting`);
      process.exit(1);
    }, options.timeoutMs).unref();
    void (async () => {
      for (const close of closers) {
        await close().catch((error: unknown) =>
          options.log(`while shutting down: ${String(error)}`),
        );
      }
      process.exit(0);
    })();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
