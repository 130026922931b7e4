import { z } from 'zod';

/** How much a process logs (pino levels); every app reads it. */
export const logEnv = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe(
      'Log level (JSON lines on stdout, readable colours when stdout is a terminal); debug adds one line per api request',
    ),
};
