import { Kafka, logLevel, type Admin } from 'kafkajs';
import { withTimeout } from './with-timeout';

/** Which brokers to ask, and how long an answer may take. */
export interface KafkaBrokerProbeOptions {
  brokers: readonly string[];
  clientId: string;
  /** Longest a check may take (default 2 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * A readiness check that asks a broker for cluster metadata on every call, so it fails while the brokers
 * are away (a producer's cached connection says nothing about now). Own admin client, no retries: a
 * failing check fails fast and the next check tries again.
 */
export class KafkaBrokerProbe {
  private readonly admin: Admin;
  private connection: Promise<void> | undefined;

  constructor(private readonly options: KafkaBrokerProbeOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.admin = new Kafka({
      brokers: [...options.brokers],
      clientId: options.clientId,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin({ retry: { retries: 0 } });
  }

  /** Resolves when a broker answered a metadata request now; rejects otherwise. */
  async check(): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    await withTimeout(this.describe(), {
      timeoutMs,
      code: 'KAFKA_UNAVAILABLE',
      message: `no broker answered within ${timeoutMs} ms`,
    });
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  private async describe(): Promise<void> {
    this.connection ??= this.admin.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    await this.connection;
    const { brokers } = await this.admin.describeCluster();
    if (brokers.length === 0) throw new Error('the cluster reports no broker');
  }
}
