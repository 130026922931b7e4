import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/** Where log lines go: the console by default, a recorder in tests. */
export interface LogLineWriter {
  warn(line: string): void;
  error(line: string): void;
}

// Warnings we cause on purpose. The sink bounds the idempotent producer's retries so that a publish
// can never hang; kafkajs warns about that on every producer it creates.
const EXPECTED_WARNINGS = [
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
];

/** A kafkajs log creator that writes WARN and ERROR entries to the console, one line each. */
export function createKafkaConsoleLogCreator(writer: LogLineWriter = console): logCreator {
  return () => (entry: LogEntry) => {
    if (entry.level === logLevel.NOTHING || entry.level > logLevel.WARN) return;
    if (EXPECTED_WARNINGS.includes(entry.log.message)) return;
    const line = formatLogEntry(entry);
    if (entry.level === logLevel.ERROR) writer.error(line);
    else writer.warn(line);
  };
}

function formatLogEntry({ namespace, log }: LogEntry): string {
  const { message, timestamp: _timestamp, logger: _logger, ...details } = log;
  const context = Object.keys(details).length > 0 ? ` ${safeJson(details)}` : '';
  return `[kafkajs] ${namespace}: ${message}${context}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable details]';
  }
}
