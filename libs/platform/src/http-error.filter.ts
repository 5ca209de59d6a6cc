import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainRuleViolation, EventIdConflictError, WrongExpectedRevisionError } from '@privacy-ledger/ledger';
import { KeeperNotReadyError, SubjectErasedError } from '@privacy-ledger/keyring';
import { TooManyAttemptsError } from '@privacy-ledger/auth';

const DOMAIN_STATUS = {
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
} as const;

/**
 * The one shape of every error answer. `message` is always a single sentence a person can read; a 400 lists
 * its problems in `problems` too, each apart, and `message` names them all.
 */
export interface ErrorBody {
  readonly statusCode: number;
  /** The status's reason phrase, e.g. "Bad Request". */
  readonly error: string;
  readonly message: string;
  readonly problems?: readonly string[];
}

function errorBody(statusCode: number, message: string, problems?: readonly string[]): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(problems ? { problems } : {}) };
}

/**
 * What the parsers' own errors may say. Their messages quote what they could not read (a JSON syntax
 * error shows part of the body, a bad path parameter its bytes), and a body can hold personal data.
 */
const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.not.utf8': 'the body is not valid UTF-8',
  'entity.too.large': 'the body is too large',
  'charset.unsupported': 'the body must be JSON in UTF-8',
  'encoding.unsupported': 'the body must not be compressed',
  'request.aborted': 'the request was aborted',
  'request.size.invalid': 'the body is shorter or longer than its Content-Length says',
};

/**
 * Turns domain and ledger errors into clear answers, and anything unexpected into a 500 that says
 * nothing of the data involved. Only error names are logged: a driver's message can quote values.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { status, body } = this.describe(error, http.getRequest<Request>());
    if (status >= 500) this.logger.error({ msg: 'request failed', ...describeFault(error) });
    const response = http.getResponse<Response>();
    if (error instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(status).json(body);
  }

  private describe(error: unknown, request: Request): { status: number; body: ErrorBody } {
    if (error instanceof HttpException) return this.describeHttp(error, request);
    if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)
      return this.answer(HttpStatus.CONFLICT, 'the resource was changed by another request meanwhile: reload it and try again');
    if (error instanceof SubjectErasedError)
      return this.answer(HttpStatus.CONFLICT, 'this data subject was erased: nothing can be stored for it again');
    if (error instanceof KeeperNotReadyError)
      return this.answer(HttpStatus.SERVICE_UNAVAILABLE, `${error.keeper} is not ready yet: try again later`);
    if (error instanceof DomainRuleViolation) return this.answer(DOMAIN_STATUS[error.kind], error.message);
    return this.answer(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }

  private describeHttp(error: HttpException, request: Request) {
    const status = error.getStatus();
    const parserType = (error.cause as { type?: unknown } | undefined)?.type;
    if (typeof parserType === 'string') return this.answer(status, PARSER_MESSAGES[parserType] ?? STATUS_CODES[status] ?? 'bad request');
    if (error.cause instanceof URIError) return this.answer(status, 'the path holds a malformed percent-encoding');
    // Nest's own "Cannot GET <url>" would echo a query string, which can carry anything.
    if (status === HttpStatus.NOT_FOUND && request.route === undefined) return this.answer(status, 'no route has this method and path');
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (Array.isArray(message)) return this.answer(status, message.join('; '), message.map(String));
    return this.answer(status, typeof message === 'string' ? message : (STATUS_CODES[status] ?? 'error'));
  }

  /** Every 400 lists its problems, one or several, so that a client reads them from one place. */
  private answer(status: number, message: string, problems?: readonly string[]) {
    return { status, body: errorBody(status, message, problems ?? (status === HttpStatus.BAD_REQUEST ? [message] : undefined)) };
  }
}

/** What a log may say of a fault: its name, a driver's code, and the event it concerns; never a message, which can quote values. */
export function describeFault(error: unknown): {
  error: string;
  code?: string;
  eventId?: string;
  streamId?: string;
  position?: number;
  blockedBy?: string;
  detail?: string;
} {
  const { name, code, place, position, blockedBy, detail } = (error ?? {}) as {
    name?: string;
    code?: string;
    place?: { eventId: string; streamId: string };
    position?: number;
    blockedBy?: string;
    detail?: string;
  };
  return { error: name ?? typeof error, code, eventId: place?.eventId, streamId: place?.streamId, position, blockedBy, detail };
}
