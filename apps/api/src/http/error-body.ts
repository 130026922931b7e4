import { HttpException } from '@nestjs/common';
import { DomainError } from '@recsys/domain';
import { dependencyOutageOf } from './dependency-outage';
import { codeForStatus, ERROR_STATUSES, RETRY_AFTER_SECONDS } from './error-statuses';

/** The JSON body of every error answer, whoever raised it (a service, Nest, Fastify, a driver). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** An error answer: its body, the seconds of `Retry-After` if any, and whether to log it as a fault. */
export interface ErrorAnswer {
  body: ErrorBody;
  retryAfterSeconds?: number;
  /** 500s: a bug to log with its stack. Outages are logged as warnings (their text names hosts). */
  log?: 'fault' | 'outage';
}

/**
 * Maps any thrown value to one answer: domain codes by ERROR_STATUSES; an outage of the database, Redis or
 * Kafka (however wrapped) to 503 with `Retry-After` and a message without internal details; framework
 * errors by their 4xx status; anything else to a 500 that says nothing of the cause.
 */
export function errorAnswerOf(exception: unknown): ErrorAnswer {
  const outage = dependencyOutageOf(exception);
  if (outage !== undefined) {
    const code = exception instanceof DomainError ? exception.code : 'DEPENDENCY_UNAVAILABLE';
    const message = `${outage} is unavailable; retry after ${RETRY_AFTER_SECONDS} s`;
    return {
      body: { statusCode: 503, error: code, message },
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      log: 'outage',
    };
  }
  if (exception instanceof DomainError) {
    const statusCode = ERROR_STATUSES[exception.code] ?? 500;
    if (statusCode >= 500 && statusCode !== 503) return internal();
    const body = { statusCode, error: exception.code, message: exception.message };
    const answer = {
      body: exception.details === undefined ? body : { ...body, details: exception.details },
    };
    return statusCode === 503 ? { ...answer, retryAfterSeconds: RETRY_AFTER_SECONDS } : answer;
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode >= 500) return internal();
    return {
      body: { statusCode, error: codeForStatus(statusCode), message: messageOf(exception) },
    };
  }
  const status = frameworkStatus(exception);
  if (status !== undefined) {
    const message = (exception as Error).message;
    return { body: { statusCode: status, error: codeForStatus(status), message } };
  }
  return internal();
}

function internal(): ErrorAnswer {
  return {
    body: { statusCode: 500, error: 'INTERNAL', message: 'internal error; see the server log' },
    log: 'fault',
  };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

// Fastify's own errors (bad JSON, body too large, wrong content type, bad URL) carry a 4xx statusCode.
function frameworkStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
