import type Redis from 'ioredis';

type VersionListener = (version: string) => void;

/**
 * The listeners of one pub/sub channel, served by one dedicated connection (a subscribed Redis connection
 * can run no other command) that is opened on the first subscription and closed with the store.
 */
export class ModelPublishedSubscription {
  private readonly listeners = new Set<VersionListener>();
  private connection: Promise<Redis> | undefined;

  constructor(private readonly options: { channel: string; openConnection: () => Redis }) {}

  /** Resolves once the channel is subscribed, so no notification after it is missed; returns unsubscribe. */
  async add(listener: VersionListener): Promise<() => Promise<void>> {
    await this.connect();
    // A wrapper per call: subscribing the same function twice gives two independent subscriptions.
    const entry: VersionListener = (version) => listener(version);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
      return Promise.resolve();
    };
  }

  /** Drops every listener and closes the subscriber connection. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.listeners.clear();
    const redis = await connection?.catch(() => undefined);
    await redis?.quit().catch(() => redis.disconnect());
  }

  private connect(): Promise<Redis> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<Redis> {
    const redis = this.options.openConnection();
    redis.on('message', (channel: string, version: string) => {
      if (channel === this.options.channel) this.deliver(version);
    });
    try {
      await redis.subscribe(this.options.channel);
      return redis;
    } catch (error) {
      redis.disconnect();
      throw error;
    }
  }

  private deliver(version: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(version);
      } catch {
        // A throwing listener must not stop the others nor break the connection's reply parser.
      }
    }
  }
}
