import { DomainError } from '@recsys/domain';
import { CleanupStack } from './cleanup-stack';

/**
 * Runs a benchmark body, then always its cleanup, then exits: 0 on success, 2 for a bad option (the
 * message and usage on stderr), 1 for any other failure (the stack on stderr).
 */
export function runBench(body: (cleanup: CleanupStack) => Promise<void>): void {
  const cleanup = new CleanupStack();
  body(cleanup)
    .then(
      () => 0,
      (error: unknown) => {
        if (error instanceof DomainError) {
          process.stderr.write(`${error.message}\n${JSON.stringify(error.details)}\n`);
          return 2;
        }
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`); // prettier-ignore
        return 1;
      },
    )
    .then(async (code) => {
      await cleanup.runAll();
      process.exit(code);
    })
    .catch(() => process.exit(1));
}
