import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ID_MAX_LENGTH } from '@recsys/input-rules';
import { API_SETTINGS, type ApiSettings } from '../api-settings';
import { apiDocument } from '../openapi/api-document';
import { serveApiDocs } from '../openapi/serve-api-docs';
import type { Logger as PinoLogger } from 'pino';
import { installHttpRequestMetrics } from '../observability/http-request-metrics';
import { installRequestLogs, requestLogOptions } from '../observability/request-logs';
import { sendErrorAnswer } from './domain-error.filter';
import { errorAnswerOf } from './error-body';
import { IdParamPipe } from './id-param.pipe';

// A route parameter arrives percent-encoded: one UTF-16 code unit of an id takes at most 9 characters
// (a 3-byte UTF-8 sequence, %XX%XX%XX). Longer raw parameters cannot be valid ids: 414. Shorter ones are
// decoded and checked by IdParamPipe, which states the id limit itself (400).
export const MAX_PARAM_LENGTH = ID_MAX_LENGTH * 9;

/**
 * The Fastify adapter of the api and the embedded app: the body limit, route parameters as long as an
 * encoded id, and Fastify's own URL errors (bad percent-encoding, over-long parameter) in the one error shape.
 */
export function createHttpAdapter(options: {
  bodyLimitBytes: number;
  /** The process's pino logger (none: Fastify logs nothing, e.g. in specs). */
  logger?: PinoLogger;
}): FastifyAdapter {
  return new FastifyAdapter({
    ...requestLogOptions(options.logger),
    bodyLimit: options.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => {
      sendErrorAnswer(reply, errorAnswerOf(error));
    },
  });
}

/**
 * HTTP behaviour that needs the app: JSON is the only body type (a body without `content-type`, or of any
 * other type, is a 415, never parsed as a form or text), every route parameter follows the id rule, the
 * OpenAPI document is served (`/openapi.json`, `/docs`) and every request is timed (see
 * installHttpRequestMetrics). Create the app with `bodyParser: false` so that Nest adds no form parser;
 * call this before the app's init.
 */
export function configureHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // Errors Fastify raises before a route's handler runs (content type, body parse and size) go to the
  // error handler the route captured when its plugin queue was loaded, at `ready`: Nest's own, set during
  // init, which answers through DomainErrorFilter. Nothing may load the api instance's queue earlier (the
  // rate limiters live on instances of their own), and nothing else sets a handler (Fastify warns on an
  // override in the same scope: FSTWRN004).
  app.useGlobalPipes(new IdParamPipe());
  const settings = app.get<symbol, ApiSettings>(API_SETTINGS, { strict: false });
  serveApiDocs(app, apiDocument(settings));
  installHttpRequestMetrics(app);
  installRequestLogs(app);
}
