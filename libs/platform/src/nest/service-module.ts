import {
  Controller,
  Get,
  Inject,
  HttpStatus,
  Injectable,
  Optional,
  Res,
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
import { ACCOUNT_ERASURE_CONFIRMED, KEK_EPOCH_RETIRED } from '@privacy-ledger/contracts';
import { CLOCK as CLOCK, type Clock } from '@privacy-ledger/clock';
import { KEYRING, UNIQUE_CLAIMS, type Keyring } from '@privacy-ledger/keyring';
import { EVENT_STORE, WritePath, type EventStore, type Position } from '@privacy-ledger/ledger';
import { MAILER } from '@privacy-ledger/mail';
import { KafkaRelay } from '@privacy-ledger/messaging';
import {
  LeaseLostError,
  PROJECTION_LEASE,
  ProjectionRunner,
  READ_MODELS,
  type Projection,
  type ProjectionLease,
  type ReadModels,
  type Reactor,
  type RunnerStatus,
} from '@privacy-ledger/projections';
import type { Response } from 'express';
import type { RuntimeConfig } from '../runtime-config';
import { describeFault } from '../http-error.filter';
import { jsonLogger } from '../logger';
import type { Platform } from '../platform';
import { AccountErasureReactor } from '../erasure/account-erasure.reactor';
import type { AccountTrace } from '../erasure/account-trace';
import { KekEpochLog } from '../erasure/kek-epoch-log';
import { RepeatingTask } from './repeating-task';

export const SERVICE_NAME = Symbol('ServiceName');
export const RUNTIME_CONFIG = Symbol('RuntimeConfig');
export const HEALTH_CHECK = Symbol('HealthCheck');
export const HEALTH_INDICATORS = Symbol('HealthIndicators');

/** Something a service watches beyond its stores and runners (retention: erasures that stall), shown in /health under its name. */
export interface HealthIndicator {
  readonly name: string;
  /** What /health shows of it: never personal data, for /health answers anyone. */
  check(): Promise<{ readonly degraded: boolean; readonly details: object }>;
}

/** How /health asks the stores: each throws when its store does not answer. */
export interface StoreChecks {
  readonly database: () => Promise<void>;
  readonly readModels: () => Promise<void>;
}

const healthLogger = jsonLogger('health');

/** What a store's failure says in /health and the log: its kind and code, never a connection string. */
async function faultOf(check: () => Promise<void>): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (error) {
    const { error: kind, code } = describeFault(error);
    healthLogger.error({ msg: 'a store does not answer', ...describeFault(error) });
    return `does not answer (${[kind, code].filter(Boolean).join(' ')})`;
  }
}
/** The service's relays of its events to Kafka when KAFKA_BROKERS is set (its own context's, and any it also publishes), none otherwise. */
export const KAFKA_RELAYS = Symbol('KafkaRelays');

/** A service's projections and reactors, running (each under its lease) from bootstrap to shutdown. */
@Injectable()
export class BackgroundRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners: ProjectionRunner[];

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModels,
    lease: ProjectionLease,
    private readonly consumers: readonly (Projection | Reactor)[],
    service: string,
    private readonly lagLimitSeconds: number,
  ) {
    const logger = jsonLogger(service);
    // Names, codes and event ids only: a driver's or a mailer's message can quote the data it failed on.
    const onError = (runner: string, error: unknown) =>
      error instanceof LeaseLostError
        ? logger.warn({ msg: 'lease lost: another process runs it now', runner })
        : logger.error({ msg: 'runner failed', runner, ...describeFault(error) });
    this.runners = consumers.map((consumer) => new ProjectionRunner(events, readModels, lease, consumer, { onError }));
  }

  onApplicationBootstrap() {
    this.runners.forEach((runner) => runner.start());
  }

  /** Checkpoints are read from the read-model store, so a consumer running in another process counts too. */
  async health(): Promise<{ degraded: boolean; ledger?: ReturnType<typeof describeFault>; runners: readonly RunnerStatus[] }> {
    let head: Position;
    try {
      head = await this.events.headPosition();
    } catch (error) {
      return { degraded: true, ledger: describeFault(error), runners: this.runners.map((runner) => runner.status()) };
    }
    const runners = await Promise.all(
      this.runners.map(async (runner): Promise<RunnerHealth> => {
        const checkpoint = await this.readModels.checkpoint(runner.name);
        const [oldestPending] = checkpoint < head ? await this.events.readAll({ after: checkpoint, maxCount: 1 }) : [];
        const waitingSince = oldestPending ? Date.parse(oldestPending.metadata.occurredAt) : Date.now();
        const lagSeconds = Math.max(0, Math.round((Date.now() - waitingSince) / 1000));
        return { ...runner.status(), checkpoint, behindBy: Math.max(0, head - checkpoint), lagSeconds };
      }),
    );
    return { degraded: runners.some((r) => r.fault !== null || r.lagSeconds > this.lagLimitSeconds), runners };
  }

  async onApplicationShutdown() {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await Promise.all(this.consumers.map((consumer) => ('close' in consumer ? consumer.close?.() : undefined)));
  }
}

/**
 * The runners of a service module: projections as values, reactors as injectable classes, the service's part
 * in account erasures (with the traces it keeps outside events and read models), and the Kafka relay when configured.
 */
export function backgroundRunners(consumers: {
  projections: readonly Projection[];
  reactors: readonly Type<Reactor>[];
  traces?: readonly Type<AccountTrace>[];
}): Provider {
  const traces = consumers.traces ?? [];
  return {
    provide: BackgroundRunners,
    useFactory: (
      events: EventStore,
      readModels: ReadModels,
      lease: ProjectionLease,
      service: string,
      config: RuntimeConfig,
      relays: KafkaRelay[],
      keyring: Keyring,
      clock: Clock,
      ...injected: (Reactor | AccountTrace)[]
    ) => {
      const reactors = injected.slice(0, consumers.reactors.length) as Reactor[];
      const participation = {
        service,
        events,
        readModels,
        keyring,
        clock,
        projections: consumers.projections,
        traces: injected.slice(consumers.reactors.length) as AccountTrace[],
      };
      return new BackgroundRunners(
        events,
        readModels,
        lease,
        [...consumers.projections, ...reactors, new AccountErasureReactor(participation), ...relays],
        service,
        config.healthLagLimitSeconds,
      );
    },
    inject: [
      EVENT_STORE,
      READ_MODELS,
      PROJECTION_LEASE,
      SERVICE_NAME,
      RUNTIME_CONFIG,
      KAFKA_RELAYS,
      KEYRING,
      CLOCK,
      ...consumers.reactors,
      ...traces,
    ],
  };
}

/** How often a service looks for KEK epochs its keyring retired and records them. */
const EPOCH_LOG_INTERVAL_MS = 1000;

/** Records the service's retired KEK epochs in the ledger, from bootstrap to shutdown (see KekEpochLog). */
@Injectable()
export class KekEpochRecorder extends RepeatingTask {
  constructor(
    private readonly log: KekEpochLog,
    service: string,
  ) {
    super('recording retired KEK epochs', service, EPOCH_LOG_INTERVAL_MS);
  }

  protected round(): Promise<void> {
    return this.log.record();
  }
}

/**
 * `/health`, for monitoring: 200 while the stores answer and every runner keeps up; 503 "degraded" when
 * a runner is stuck on an event (named by id and position), a consumer lags further behind the log than the
 * configured limit, the ledger cannot give positions (naming the backend that blocks it), the read-model
 * store does not answer, or one of the service's own indicators says so; 503 "unavailable" when the database does not.
 * `/health/live`, for a load balancer: the process and its database answer, whatever the runners and the
 * read-model store do, so that neither a stuck reactor nor a read-model outage takes the writes out of rotation.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECK) private readonly stores: StoreChecks,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Optional() private readonly runners?: BackgroundRunners,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly indicators: readonly HealthIndicator[] = [],
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await faultOf(this.stores.database);
    if (database) return this.unavailable(response, { database });
    const readModels = await faultOf(this.stores.readModels);
    // The runners' checkpoints live in the read-model store: without it, there is nothing more to tell of them.
    if (readModels) return this.degraded(response, { readModels });
    const { degraded, ...runners } = (await this.runners?.health()) ?? { degraded: false, runners: [] };
    const watched = await Promise.all(this.indicators.map((indicator) => this.watch(indicator)));
    const details = { ...runners, ...Object.fromEntries(watched.map(({ name, details }) => [name, details])) };
    if (degraded || watched.some((indicator) => indicator.degraded)) return this.degraded(response, details);
    return { status: 'ok', service: this.service, ...details };
  }

  private async watch(indicator: HealthIndicator): Promise<{ name: string; degraded: boolean; details: object }> {
    try {
      return { name: indicator.name, ...(await indicator.check()) };
    } catch (error) {
      healthLogger.error({ msg: 'a health indicator failed', indicator: indicator.name, ...describeFault(error) });
      return { name: indicator.name, degraded: true, details: { fault: describeFault(error) } };
    }
  }

  @Public()
  @Get('live')
  async live(@Res({ passthrough: true }) response: Response) {
    const database = await faultOf(this.stores.database);
    if (database) return this.unavailable(response, { database });
    return { status: 'ok', service: this.service };
  }

  private unavailable(response: Response, fault: { database: string }) {
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'unavailable', service: this.service, ...fault };
  }

  private degraded(response: Response, details: object) {
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'degraded', service: this.service, ...details };
  }
}

export interface RunnerHealth extends RunnerStatus {
  readonly checkpoint: Position;
  /** Events committed that this consumer has not applied yet, and how long the oldest of them has waited. */
  readonly behindBy: number;
  readonly lagSeconds: number;
}

export interface ServiceDefinition {
  readonly name: string;
  /** How access tokens are checked: identity's own keys, or its published JWKS. */
  readonly verifier: AccessTokenVerifier;
  /** Every aggregate the service appends for: their event types are registered, and must be unique system-wide. */
  readonly aggregates: readonly { readonly name: string; readonly eventTypes: readonly string[] }[];
  /**
   * Contexts beyond its own whose events it publishes to Kafka, each on its own topic: one service (retention) publishes
   * the events every service appends for the platform (erasure confirmations, retired KEK epochs).
   */
  readonly alsoPublishes?: readonly string[];
}

/**
 * What every service module provides: each port on its own token, the write path, its name, and
 * deny-by-default access for every route. Registering its event types refuses a name already taken.
 */
export function serviceProviders(platform: Platform, service: ServiceDefinition): Provider[] {
  for (const aggregate of service.aggregates) platform.eventTypes.register(`${service.name}/${aggregate.name}`, aggregate.eventTypes);
  // Every service confirms erasures and records its retired KEK epochs alike: these types belong to the platform, not to one context.
  platform.eventTypes.register('platform/account-erasure', [ACCOUNT_ERASURE_CONFIRMED, KEK_EPOCH_RETIRED]);
  const keyring = platform.keyringOf(service.name);
  return [
    { provide: KekEpochRecorder, useValue: new KekEpochRecorder(new KekEpochLog(service.name, keyring, platform.events), service.name) },
    { provide: EVENT_STORE, useValue: platform.events },
    { provide: READ_MODELS, useValue: platform.readModels },
    { provide: PROJECTION_LEASE, useValue: platform.lease },
    { provide: KEYRING, useValue: keyring },
    { provide: UNIQUE_CLAIMS, useValue: platform.claimsOf(service.name) },
    { provide: MAILER, useValue: platform.mailer },
    { provide: CLOCK, useValue: platform.clock },
    { provide: SESSION_REVOCATIONS, useValue: platform.revocations },
    { provide: ATTEMPT_THROTTLE, useValue: platform.throttle },
    { provide: RUNTIME_CONFIG, useValue: platform.config },
    { provide: HEALTH_CHECK, useValue: { database: () => platform.checkHealth(), readModels: () => platform.checkReadModels() } },
    { provide: WritePath, useValue: new WritePath(platform.events, keyring, closedAccountsOf(platform)) },
    { provide: SERVICE_NAME, useValue: service.name },
    { provide: KAFKA_RELAYS, useValue: kafkaRelays(platform, [service.name, ...(service.alsoPublishes ?? [])]) },
    { provide: ACCESS_TOKEN_VERIFIER, useValue: service.verifier },
    { provide: APP_GUARD, useClass: AccessGuard },
  ];
}

/** A closed account, as the access guard sees it: the fence retention sets when the account closes. */
function closedAccountsOf(platform: Platform) {
  return { isClosed: async (accountId: string) => (await platform.revocations.standingOf(accountId)).closedSince !== null };
}

/** One relay per context a service publishes: scaled to many processes, the runner's lease keeps one of each active. */
function kafkaRelays(platform: Platform, contexts: readonly string[]): KafkaRelay[] {
  const { kafka } = platform.config;
  if (!kafka) return [];
  return contexts.map((context) => new KafkaRelay({ ...kafka, context, ownerOf: (type) => platform.eventTypes.ownerOf(type) }));
}
