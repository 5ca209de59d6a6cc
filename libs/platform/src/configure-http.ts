import { randomUUID } from 'node:crypto';
import { ValidationPipe, type INestApplication, type LoggerService } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { HttpErrorFilter } from './http-error.filter';

export const CORRELATION_HEADER = 'x-correlation-id';

/** The same edge for every service: validation (400 naming every problem), errors, docs, request logs. */
export function configureHttp(app: INestApplication, service: string, logger: LoggerService): void {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  app.useGlobalFilters(new HttpErrorFilter(logger));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = request.header(CORRELATION_HEADER);
    const correlationId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    response.on('finish', () => {
      // The route pattern, not the URL: paths carry ids only, but query strings could carry anything.
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      logger.log({
        msg: 'request',
        method: request.method,
        route,
        status: response.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        correlationId,
      });
    });
    next();
  });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(`Privacy Ledger: ${service}`).addBearerAuth().build());
  SwaggerModule.setup('docs', app, document);
}
