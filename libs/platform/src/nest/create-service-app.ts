import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp } from '../configure-http';
import { jsonLogger } from '../logger';

/** A service's HTTP application: JSON logs, the shared edge (validation, errors, docs), client IPs from a local proxy. */
export async function createServiceApp(
  service: string,
  module: DynamicModule,
  logger: LoggerService = jsonLogger(service),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bufferLogs: false });
  app.set('trust proxy', 'loopback');
  configureHttp(app, service, logger);
  return app;
}
