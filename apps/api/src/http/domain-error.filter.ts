import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@recsys/domain';
import { ERROR_STATUSES } from './error-statuses';

/** The JSON body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** Maps every error to one JSON shape: domain codes by ERROR_STATUSES, framework errors by their status. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && !(exception instanceof DomainError)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    void host.switchToHttp().getResponse<FastifyReply>().status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = ERROR_STATUSES[exception.code] ?? 500;
      return {
        statusCode,
        error: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      return { statusCode, error: codeForStatus(statusCode), message: messageOf(exception) };
    }
    const status = frameworkStatus(exception);
    if (status !== undefined) {
      return {
        statusCode: status,
        error: codeForStatus(status),
        message: (exception as Error).message,
      };
    }
    return { statusCode: 500, error: 'INTERNAL', message: 'internal error; see the server log' };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

// Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
function frameworkStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function codeForStatus(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 500) return 'INTERNAL';
  return 'INVALID_REQUEST';
}
