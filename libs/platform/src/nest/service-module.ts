import {
  Controller,
  Get,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import {
  ACCESS_TOKEN_VERIFIER,
  AccessGuard,
  ATTEMPT_THROTTLE,
  Public,
  SESSION_REVOCATIONS,
  type AccessTokenVerifier,
} from '@privacy-ledger/auth';
import { CLOCK } from '@privacy-ledger/clock';
import { KEYRING, UNIQUE_CLAIMS } from '@privacy-ledger/keyring';
import { EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { MAILER } from '@privacy-ledger/mail';
import {
  PROJECTION_LEASE,
  ProjectionRunner,
  READ_MODELS,
  type Projection,
  type ProjectionLease,
  type ReadModels,
  type Reactor,
} from '@privacy-ledger/projections';
import { describeFault } from '../http-error.filter';
import { jsonLogger } from '../logger';
import type { Platform } from '../platform';

export const SERVICE_NAME = Symbol('ServiceName');
export const RUNTIME_CONFIG = Symbol('RuntimeConfig');
export const HEALTH_CHECK = Symbol('HealthCheck');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECK) private readonly check: () => Promise<void>,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Public()
  @Get()
  async health() {
    await this.check();
    return { status: 'ok', service: this.service };
  }
}

/** A service's projections and reactors, running (each under its lease) from bootstrap to shutdown. */
@Injectable()
export class BackgroundRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners: ProjectionRunner[];

  constructor(
    events: EventStore,
    readModels: ReadModels,
    lease: ProjectionLease,
    consumers: readonly (Projection | Reactor)[],
    service: string,
  ) {
    const logger = jsonLogger(service);
    // Names, codes and event ids only: a driver's or a mailer's message can quote the data it failed on.
    const onError = (runner: string, error: unknown) => logger.error({ msg: 'runner failed', runner, ...describeFault(error) });
    this.runners = consumers.map((consumer) => new ProjectionRunner(events, readModels, lease, consumer, { onError }));
  }

  onApplicationBootstrap() {
    this.runners.forEach((runner) => runner.start());
  }

  async onApplicationShutdown() {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}

/** The runners of a service module: projections as values, reactors as injectable classes. */
export function backgroundRunners(consumers: { projections: readonly Projection[]; reactors: readonly Type<Reactor>[] }): Provider {
  return {
    provide: BackgroundRunners,
    useFactory: (events: EventStore, readModels: ReadModels, lease: ProjectionLease, service: string, ...reactors: Reactor[]) =>
      new BackgroundRunners(events, readModels, lease, [...consumers.projections, ...reactors], service),
    inject: [EVENT_STORE, READ_MODELS, PROJECTION_LEASE, SERVICE_NAME, ...consumers.reactors],
  };
}

export interface ServiceDefinition {
  readonly name: string;
  /** How access tokens are checked: identity's own keys, or its published JWKS. */
  readonly verifier: AccessTokenVerifier;
  /** Every aggregate the service appends for: their event types are registered, and must be unique system-wide. */
  readonly aggregates: readonly { readonly name: string; readonly eventTypes: readonly string[] }[];
}

/**
 * What every service module provides: each port on its own token, the write path, its name, and
 * deny-by-default access for every route. Registering its event types refuses a name already taken.
 */
export function serviceProviders(platform: Platform, service: ServiceDefinition): Provider[] {
  for (const aggregate of service.aggregates) platform.eventTypes.register(`${service.name}/${aggregate.name}`, aggregate.eventTypes);
  return [
    { provide: EVENT_STORE, useValue: platform.events },
    { provide: READ_MODELS, useValue: platform.readModels },
    { provide: PROJECTION_LEASE, useValue: platform.lease },
    { provide: KEYRING, useValue: platform.keyringOf(service.name) },
    { provide: UNIQUE_CLAIMS, useValue: platform.claims },
    { provide: MAILER, useValue: platform.mailer },
    { provide: CLOCK, useValue: platform.clock },
    { provide: SESSION_REVOCATIONS, useValue: platform.revocations },
    { provide: ATTEMPT_THROTTLE, useValue: platform.throttle },
    { provide: RUNTIME_CONFIG, useValue: platform.config },
    { provide: HEALTH_CHECK, useValue: () => platform.checkHealth() },
    { provide: WritePath, useValue: new WritePath(platform.events, platform.keyringOf(service.name)) },
    { provide: SERVICE_NAME, useValue: service.name },
    { provide: ACCESS_TOKEN_VERIFIER, useValue: service.verifier },
    { provide: APP_GUARD, useClass: AccessGuard },
  ];
}
