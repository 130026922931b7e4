/** Releases a lease; calling it more than once is harmless. */
export type ReleaseLease = () => void;

/**
 * A first-come, first-served lock with one holder at a time. PGlite has a single session, so a
 * transaction must own it from BEGIN to COMMIT or another caller's statements would run inside it.
 */
export class ExclusiveLease {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves once every earlier holder has released; returns this holder's release function. */
  acquire(): Promise<ReleaseLease> {
    let release: ReleaseLease = () => undefined;
    const released = new Promise<void>((resolve) => {
      let done = false;
      release = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
    });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    return previous.then(() => release);
  }
}
