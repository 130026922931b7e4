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
    if (this.failure) throw this.failure;
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    }
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
