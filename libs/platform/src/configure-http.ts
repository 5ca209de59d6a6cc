import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { HttpErrorFilter } from './http-error.filter';
import { acceptJsonBodiesOnly } from './json-body';
import { RequestValidationPipe } from './request-validation.pipe';
import { useSecurityHeaders } from './security-headers';

export const CORRELATION_HEADER = 'x-correlation-id';
const DOCS_PATH = 'docs';

/**
 * The same edge for every service: security headers, JSON bodies only, validation (400 naming every
 * problem), one error shape, docs, request logs.
 */
export function configureHttp(app: NestExpressApplication, service: string, logger: LoggerService): void {
  useSecurityHeaders(app);
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
  acceptJsonBodiesOnly(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter(logger));
  serveDocs(app, service);
}

/** OpenAPI at /docs. Its page links its scripts relative to itself, so /docs/ would load them from /docs/docs/: it redirects. */
function serveDocs(app: NestExpressApplication, service: string): void {
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.path === `/${DOCS_PATH}/` ? response.redirect(301, `/${DOCS_PATH}`) : next(),
  );
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(`Privacy Ledger: ${service}`).addBearerAuth().build());
  SwaggerModule.setup(DOCS_PATH, app, document);
}
