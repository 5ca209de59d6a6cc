import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * On every response, errors and the docs page included: helmet 8's headers (nosniff, no X-Powered-By,
 * a content security policy), no framing at all, and no caching, since most answers carry personal data.
 * The policy's defaults already let the docs page (Swagger UI) run: its scripts and styles come from
 * this origin, its only inline code is style, and its icons are data: images.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        frameAncestors: "'none'",
        // Services listen on plain HTTP behind a terminating proxy (or on a laptop): upgrading would break the docs page there.
        upgradeInsecureRequests: null,
      },
    },
    xFrameOptions: { action: 'deny' },
  });
  app.use((_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
}
