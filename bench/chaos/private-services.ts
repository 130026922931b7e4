import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../serving/free-port';

const run = promisify(execFile);
const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts', 'services');

export type ServiceName = 'postgres' | 'redis' | 'kafka';

/** PostgreSQL, Redis and Kafka of this run only (own ports and data directory), free to restart. */
export interface PrivateServices {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string;
  /** Stops the service and starts it again on its data (Redis has none: it comes back empty). */
  restart(service: ServiceName): Promise<void>;
  /** Stops all three and deletes the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a second set of services with scripts/services/start.sh on free ports in a fresh directory; the
 * shared set on the default ports is never touched.
 */
export async function startPrivateServices(): Promise<PrivateServices> {
  const directory = mkdtempSync(path.join(tmpdir(), 'recsys-chaos-'));
  const env = {
    ...process.env,
    RECSYS_SERVICES_DIR: directory,
    RECSYS_PG_PORT: String(await freePort()),
    RECSYS_REDIS_PORT: String(await freePort()),
    RECSYS_KAFKA_PORT: String(await freePort()),
    RECSYS_KAFKA_CONTROLLER_PORT: String(await freePort()),
  };
  const script = (name: string, ...args: string[]) =>
    run(path.join(SCRIPTS, name), args, { env, maxBuffer: 16 * 1024 * 1024 });
  const stop = async () => {
    await script('stop.sh').catch((error: Error) => process.stderr.write(`${error.message}\n`));
    // A server's last files may still be closing just after stop.sh: retry the removal for a while.
    rmSync(directory, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  };
  try {
    const { stdout } = await script('start.sh');
    const exported = Object.fromEntries(
      [...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    return {
      databaseUrl: exported.DATABASE_URL,
      redisUrl: exported.REDIS_URL,
      kafkaBrokers: exported.KAFKA_BROKERS,
      restart: async (service) => void (await script('restart.sh', service)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
