import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** Writes JSON lines to a file, waiting when the disk falls behind (bounded memory for any user count). */
export class JsonLinesWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  /** Appends one line; resolves once the stream can take more. */
  async write(value: unknown): Promise<void> {
    this.throwIfFailed();
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
      this.throwIfFailed();
    }
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.throwIfFailed();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
