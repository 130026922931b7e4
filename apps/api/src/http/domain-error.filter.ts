import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorAnswerOf, type ErrorAnswer } from './error-body';

export type { ErrorBody } from './error-body';

/** Answers every error in one JSON shape (see errorAnswerOf), logging faults and outages. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const answer = errorAnswerOf(exception);
    this.log(answer, exception, host.switchToHttp().getRequest<FastifyRequest>().id);
    sendErrorAnswer(host.switchToHttp().getResponse<FastifyReply>(), answer);
  }

  // With the request's id (reqId), so the line can be found from the answer's X-Request-Id.
  private log(answer: ErrorAnswer, exception: unknown, reqId: string): void {
    if (answer.log === undefined) return;
    const text = exception instanceof Error ? exception.message : String(exception);
    if (answer.log === 'outage') this.logger.warn({ msg: `${answer.body.message}: ${text}`, reqId });
    else this.logger.error({ msg: exception instanceof Error ? (exception.stack ?? text) : text, reqId }); // prettier-ignore
  }
}

/** Writes an error answer: status, `Retry-After` when set, the JSON body. */
export function sendErrorAnswer(reply: FastifyReply, answer: ErrorAnswer): void {
  if (answer.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(answer.retryAfterSeconds));
  }
  void reply.status(answer.body.statusCode).send(answer.body);
}
