import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp } from '../configure-http';
import { jsonLogger } from '../logger';
import type { RuntimeConfig } from '../runtime-config';

/**
 * A service's HTTP application: JSON logs, the shared edge (headers, bodies, validation, errors, docs).
 * A client's address is taken from X-Forwarded-For only when the request comes from a configured proxy:
 * otherwise any client could choose the address its session records (P16).
 */
export async function createServiceApp(
  service: string,
  module: DynamicModule,
  config: Pick<RuntimeConfig, 'trustedProxies'>,
  logger: LoggerService = jsonLogger(service),
): Promise<INestApplication> {
  // The edge registers its own body parser, after its check of the media type.
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bufferLogs: false, bodyParser: false });
  app.set('trust proxy', config.trustedProxies.length > 0 ? [...config.trustedProxies] : false);
  configureHttp(app, service, logger);
  return app;
}
