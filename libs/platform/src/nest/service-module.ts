import { Controller, Get, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { ACCESS_TOKEN_VERIFIER, AccessGuard, Public, SESSION_REVOCATIONS, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { ProjectionRunner, type Projection, type Reactor } from '@privacy-ledger/projections';
import { jsonLogger } from '../logger';
import type { Platform } from '../platform';

export const PLATFORM = Symbol('Platform');
export const SERVICE_NAME = Symbol('ServiceName');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Public()
  @Get()
  async health() {
    await this.platform.db.query('select 1');
    return { status: 'ok', service: this.service };
  }
}

/** A service's projections and reactors, running (each under its lease) from bootstrap to shutdown. */
@Injectable()
export class BackgroundRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners: ProjectionRunner[];

  constructor(platform: Platform, consumers: readonly (Projection | Reactor)[], service: string) {
    const logger = jsonLogger(service);
    // Names and codes only: a driver's or a mailer's message can quote the data it failed on.
    const onError = (runner: string, error: unknown) =>
      logger.error({ msg: 'runner failed', runner, error: (error as Error)?.name ?? typeof error, code: (error as { code?: string })?.code });
    this.runners = consumers.map((consumer) => new ProjectionRunner(platform.db, platform.events, platform.readModels, consumer, { onError }));
  }

  onApplicationBootstrap() {
    this.runners.forEach((runner) => runner.start());
  }

  async onApplicationShutdown() {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}

/** What every service module provides: its platform, its name, and deny-by-default access for every route. */
export function serviceProviders(platform: Platform, service: string, verifier: AccessTokenVerifier): Provider[] {
  return [
    { provide: PLATFORM, useValue: platform },
    { provide: SERVICE_NAME, useValue: service },
    { provide: ACCESS_TOKEN_VERIFIER, useValue: verifier },
    { provide: SESSION_REVOCATIONS, useValue: platform.revocations },
    { provide: APP_GUARD, useClass: AccessGuard },
  ];
}
