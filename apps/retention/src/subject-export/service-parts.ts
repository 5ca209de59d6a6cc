import { Inject, Injectable } from '@nestjs/common';
import {
  CORRELATION_HEADER,
  describeFault,
  jsonLogger,
  RUNTIME_CONFIG,
  type PersonalData,
  type RuntimeConfig,
} from '@privacy-ledger/platform';
import type { ExportAccountQuery } from './export-account.query';
import type { GatheredService } from './subject-export';

const logger = jsonLogger('retention');

/** A service's part, or why there is none: it refused the caller (a 4xx, relayed), or it did not answer with its part. */
export type Gathered =
  | { readonly service: GatheredService; readonly part: PersonalData }
  | { readonly service: GatheredService; readonly refused: { readonly status: number; readonly message: string } }
  | { readonly service: GatheredService; readonly unavailable: true };

/** Asks each service for its part of an export over HTTP, as the caller, each within the configured time. */
@Injectable()
export class ServiceParts {
  private readonly urls: Readonly<Record<GatheredService, string>>;

  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {
    this.urls = { identity: config.identityUrl, contacts: config.contactsUrl, 'payment-vault': config.paymentVaultUrl };
  }

  async of(service: GatheredService, { accountId, caller }: ExportAccountQuery): Promise<Gathered> {
    const url = new URL(`/accounts/${caller.self ? 'me' : accountId}/personal-data`, this.urls[service]);
    try {
      const response = await fetch(url, {
        headers: { authorization: caller.authorization, [CORRELATION_HEADER]: caller.correlationId, accept: 'application/json' },
        // A part comes from the service asked, never from wherever a redirect would take the caller's token.
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.exportTimeoutMs),
      });
      const body = await response.json();
      if (response.status >= 400 && response.status < 500)
        return { service, refused: { status: response.status, message: messageOf(body) } };
      if (response.ok && isPartOf(body, service, accountId)) return { service, part: body };
      logger.warn({ msg: 'a service answered no part of the export', service, status: response.status });
    } catch (error) {
      // Names and codes only (fetch's own error says little; its cause, e.g. ECONNREFUSED, more): a message can quote the URL.
      const { error: name } = describeFault(error);
      logger.warn({
        msg: 'a service did not answer for the export',
        service,
        error: name,
        code: describeFault((error as Error).cause).code,
      });
    }
    return { service, unavailable: true };
  }
}

/** The part this service gives of this account: a misrouted URL must not pass another service's answer off as this one's. */
function isPartOf(body: unknown, service: GatheredService, accountId: string): body is PersonalData {
  const part = body as Partial<PersonalData> | null;
  return part?.service === service && part.accountId === accountId && Array.isArray(part.records);
}

/** Every service answers errors in one shape; anything else is named by its status alone. */
function messageOf(body: unknown): string {
  const { message } = (body ?? {}) as { message?: unknown };
  return typeof message === 'string' ? message : 'refused the request';
}
