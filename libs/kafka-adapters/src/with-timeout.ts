import { DomainError } from '@recsys/domain';

/** What to wait for, how long, and the error to raise when the time is up. */
export interface TimeoutOptions {
  timeoutMs: number;
  code: string;
  message: string;
}

/**
 * Settles like `work`, or rejects with a DomainError after `timeoutMs`. A last line of defence so
 * that no caller hangs forever; the abandoned work is not cancelled and its late failure is ignored.
 */
export function withTimeout<T>(work: Promise<T>, options: TimeoutOptions): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new DomainError(options.code, options.message, { timeoutMs: options.timeoutMs }));
    }, options.timeoutMs);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
