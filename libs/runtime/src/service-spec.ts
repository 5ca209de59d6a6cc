import { randomUUID } from 'node:crypto';
import { ConsoleLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { JwksAccessTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessTokenVerifier, type StaffRole } from '@privacy-ledger/auth';
import { newEvent, sealedPartOf, type JsonObject, type PersonalSubject, type Position, type SealedPart } from '@privacy-ledger/ledger';
import { KeyKeptElsewhereError } from '@privacy-ledger/keyring';
import { createServiceApp } from '@privacy-ledger/platform';
import { composeInMemory, type InMemoryPlatform } from './compose-in-memory';

export interface SpecPrincipal {
  readonly id: string;
  readonly kind: 'customer' | 'staff';
  readonly roles?: readonly StaffRole[];
  /** A token whose password was re-entered just now (P14). */
  readonly steppedUp?: boolean;
  /** A staff token whose session passed the second factor just now. */
  readonly mfa?: boolean;
}

/** An event already in the ledger; its personal part is sealed under `subject` as the write path would. */
export interface GivenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly personal?: { readonly subject: PersonalSubject; readonly value: object };
}

/** An event a request appended, its personal part opened, `shredded`, or kept by another service (a hand-over). */
export interface SpecEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly personal: object | 'shredded' | `kept by ${string}` | null;
}

export interface SpecResponse {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
  /** Every event appended while the request ran, in commit order. */
  readonly events: SpecEvent[];
}

export interface SpecModuleFactory {
  (platform: InMemoryPlatform, tokens: { verifier: AccessTokenVerifier; privateJwk: string }): DynamicModule | Promise<DynamicModule>;
}

/**
 * A service in this process on in-memory ports, over real HTTP: given these events in these streams, when
 * this request, then this response and these new events. Each request runs in milliseconds.
 */
export class ServiceSpec {
  private constructor(
    readonly platform: InMemoryPlatform,
    private readonly app: INestApplication,
    readonly url: string,
    private readonly signingKey: Parameters<SignJWT['sign']>[0],
    private readonly kid: string,
  ) {}

  /** `env`: configuration variables of this run, e.g. TRUSTED_PROXIES. */
  static async start(name: string, module: SpecModuleFactory, { env }: { env?: NodeJS.ProcessEnv } = {}): Promise<ServiceSpec> {
    const platform = composeInMemory(name, { env });
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const exported = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(exported);
    const publicJwk: JWK = { ...exported, alg: 'EdDSA', use: 'sig', kid };
    const verifier = new JwksAccessTokenVerifier(createLocalJWKSet({ keys: [publicJwk] }), platform.clock);
    const tokens = { verifier, privateJwk: JSON.stringify(await exportJWK(privateKey)) };
    // Errors only: a specification's requests need no log lines, its failures do.
    const app = await createServiceApp(
      name,
      await module(platform, tokens),
      platform.config,
      new ConsoleLogger(name, { json: true, logLevels: ['error'] }),
    );
    await app.listen(0, '127.0.0.1');
    return new ServiceSpec(platform, app, await app.getUrl(), privateKey, kid);
  }

  /** Appends the events as they would have been written, in order. */
  async given(...events: GivenEvent[]): Promise<this> {
    const metadata = { correlationId: 'given', causationId: null, actor: 'given', occurredAt: this.platform.clock.now().toISOString() };
    for (const { stream, type, data, personal } of events) {
      const eventId = randomUUID();
      const sealed = personal ? await this.platform.keyring.encrypt(personal.subject, personal.value, { streamId: stream, eventId }) : null;
      await this.platform.events.append(stream, [newEvent({ eventId, type, data, personal: sealed }, metadata)], {
        expectedRevision: 'any',
      });
    }
    return this;
  }

  /** An access token of the principal, as identity would issue it now. */
  async tokenOf(principal: SpecPrincipal): Promise<string> {
    const now = this.platform.clock.now().getTime();
    return new SignJWT({
      kind: principal.kind,
      roles: [...(principal.roles ?? [])],
      sid: `spec-${principal.id}`,
      iatMs: now,
      ...(principal.steppedUp ? { stepUpAt: now } : {}),
      ...(principal.mfa ? { mfaAt: now } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid })
      .setSubject(principal.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 600)
      .sign(this.signingKey);
  }

  async when(
    method: string,
    path: string,
    options: { body?: unknown; as?: SpecPrincipal | string; headers?: Record<string, string> } = {},
  ): Promise<SpecResponse> {
    const before = await this.platform.events.headPosition();
    const token = typeof options.as === 'string' ? options.as : options.as ? await this.tokenOf(options.as) : undefined;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      headers: response.headers,
      events: await this.eventsAfter(before),
    };
  }

  /** Every event after a position, opened. */
  async eventsAfter(position: Position): Promise<SpecEvent[]> {
    const recorded = await this.platform.events.readAll({ after: position, maxCount: 10_000 });
    return Promise.all(
      recorded.map(async (event) => {
        const { streamId, type, data } = event;
        const part = sealedPartOf(event);
        return { stream: streamId, type, data, personal: part ? await this.open(part) : null };
      }),
    );
  }

  private async open(part: SealedPart): Promise<SpecEvent['personal']> {
    try {
      const opened = await this.platform.keyring.decrypt<object>(part);
      return opened.status === 'ok' ? opened.value : 'shredded';
    } catch (error) {
      if (error instanceof KeyKeptElsewhereError) return `kept by ${error.keptBy}`;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.platform.close();
  }
}
