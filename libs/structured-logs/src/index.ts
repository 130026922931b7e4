export { createLogger, LOG_LEVELS, REDACT_PATHS } from './create-logger';
export type { LogLevel } from './create-logger';
export { PinoNestLogger } from './pino-nest-logger';
export { requestIdOf, REQUEST_ID_HEADER } from './request-id';
export { startStructuredLogs } from './start-structured-logs';
export type { StructuredLogs } from './start-structured-logs';
