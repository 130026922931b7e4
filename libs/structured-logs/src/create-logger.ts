import { pino, type Logger, type LoggerOptions } from 'pino';
import pinoPretty from 'pino-pretty';
import { redactUrlCredentials } from '@recsys/service-config';

/** pino's levels, as LOG_LEVEL takes them. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Where secrets could appear in a log line: key and cookie headers of a logged request, the key lists and
 * connection strings of a logged config. Connection strings keep their host (only the password goes);
 * everything else is replaced whole.
 */
export const REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'config.API_READ_KEYS',
  'config.API_WRITE_KEYS',
  'config.DATABASE_URL',
  'config.REDIS_URL',
  '*.password',
];

const URL_PATHS = new Set(['config.DATABASE_URL', 'config.REDIS_URL']);

/**
 * The process's root logger: JSON lines on stdout with `app`, level names and ISO time; readable colours
 * instead (pino-pretty, in-process) when `pretty`, which callers set when stdout is a terminal.
 */
export function createLogger(options: {
  app: string;
  level: LogLevel;
  pretty: boolean;
  /** Where lines go (default stdout); tests capture them here. */
  destination?: NodeJS.WritableStream;
}): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { app: options.app, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: REDACT_PATHS,
      censor: (value, path) =>
        URL_PATHS.has(path.join('.')) && typeof value === 'string'
          ? redactUrlCredentials(value)
          : '[Redacted]',
    },
  };
  const destination = options.pretty
    ? pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', destination: options.destination ?? 1 }) // prettier-ignore
    : (options.destination ?? pino.destination(1));
  return pino(config, destination);
}
