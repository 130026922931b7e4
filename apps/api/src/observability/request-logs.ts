import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER, requestIdOf } from '@recsys/structured-logs';

/**
 * Fastify's side of the api's logs: every request gets an id (the caller's `X-Request-Id` if sensible, else
 * a UUID) that its log lines carry as `reqId`; Fastify logs through the process's pino logger, without its
 * two lines per request (see installRequestLogs for the one line at debug).
 */
export function requestLogOptions(logger: Logger | undefined): FastifyServerOptions {
  return {
    genReqId: (request) => requestIdOf(request.headers[REQUEST_ID_HEADER]),
    ...(logger ? { loggerInstance: logger.child({ context: 'http' }) } : {}),
    logController: new LogController({ disableRequestLogging: true }),
  };
}

/**
 * Echoes the request id in the answer (`X-Request-Id`), so a caller can quote it; at LOG_LEVEL=debug, one
 * line per answered request (method, route pattern, status, ms), written by the request's own logger.
 */
export function installRequestLogs(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // Without a logger Fastify's is a no-op one, with no level to ask.
  if (!(fastify.log as Partial<Logger>).isLevelEnabled?.('debug')) return;
  fastify.addHook(
    'onResponse',
    (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      request.log.debug(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'answered',
      );
      done();
    },
  );
}
