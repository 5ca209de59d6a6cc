import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import type { Response } from 'express';
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
 * Turns domain and ledger errors into clear answers, and anything unexpected into a 500 that says
 * nothing of the data involved. Only error names are logged: a driver's message can quote values.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(error);
    if (status >= 500) this.logger.error({ msg: 'request failed', ...describeFault(error) });
    if (error instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(status).json(body);
  }

  private describe(error: unknown): { status: number; body: object } {
    if (error instanceof HttpException) {
      const body = error.getResponse();
      return { status: error.getStatus(), body: typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body };
    }
    if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)
      return this.answer(HttpStatus.CONFLICT, 'the resource was changed by another request meanwhile: reload it and try again');
    if (error instanceof SubjectErasedError)
      return this.answer(HttpStatus.CONFLICT, 'this data subject was erased: nothing can be stored for it again');
    if (error instanceof KeeperNotReadyError)
      return this.answer(HttpStatus.SERVICE_UNAVAILABLE, `${error.keeper} is not ready yet: try again later`);
    if (error instanceof DomainRuleViolation) return this.answer(DOMAIN_STATUS[error.kind], error.message);
    return this.answer(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }

  private answer(status: number, message: string) {
    return { status, body: { statusCode: status, message } };
  }
}

/** What a log may say of a fault: its name, a driver's code, and the event it concerns; never a message, which can quote values. */
export function describeFault(error: unknown): { error: string; code?: string; eventId?: string; streamId?: string } {
  const { name, code, place } = (error ?? {}) as { name?: string; code?: string; place?: { eventId: string; streamId: string } };
  return { error: name ?? typeof error, code, eventId: place?.eventId, streamId: place?.streamId };
}
