import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'pino';
import { createLogger, type LogLevel } from './create-logger';
import { PinoNestLogger } from './pino-nest-logger';

/** A process's logs: the pino root (for Fastify) and the Nest logger over it. */
export interface StructuredLogs {
  root: Logger;
  nest: PinoNestLogger;
}

/**
 * Sets up a process's logs before anything logs: JSON lines (pretty when stdout is a terminal), and every
 * Nest `Logger` of the process (also those created before the app) writing through pino.
 */
export function startStructuredLogs(options: { app: string; level: LogLevel }): StructuredLogs {
  const root = createLogger({ ...options, pretty: process.stdout.isTTY === true });
  const nest = new PinoNestLogger(root);
  NestLogger.overrideLogger(nest);
  return { root, nest };
}
