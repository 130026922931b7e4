import { Kafka, logLevel } from 'kafkajs';
import { createKafkaConsoleLogCreator } from './kafka-console-log-creator';

/** Which broker to reach and how this client names itself there. */
export interface KafkaClientOptions {
  brokers: readonly string[];
  clientId: string;
}

// Bounded everywhere: an unreachable broker must surface as an error within seconds, not hang a caller.
const CONNECTION_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 15_000;
const CLIENT_RETRY = { initialRetryTime: 200, maxRetryTime: 3_000, retries: 5 };

/** Creates a kafkajs client with bounded timeouts and retries, logging WARN and above to the console. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    retry: CLIENT_RETRY,
    logLevel: logLevel.WARN,
    logCreator: createKafkaConsoleLogCreator(),
  });
}
