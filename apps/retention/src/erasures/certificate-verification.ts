import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { CERTIFICATE_ISSUER, CERTIFICATE_TYPE, type ErasureStatement } from './erasure-certificate';

/** Where the public keys are: a JWKS document read from a file, or retention's endpoint. */
export type KeySource = { readonly jwks: JSONWebKeySet } | { readonly url: URL };

/** One finding of a verification: what was checked, and whether it held. */
export interface Finding {
  readonly check: string;
  readonly holds: boolean;
  readonly detail?: string;
}

/** The statement of a certificate whose signature, issuer and type check against the keys; throws with the reason otherwise. */
export async function verifyOffline(certificate: string, keys: KeySource): Promise<ErasureStatement> {
  const keySet = 'jwks' in keys ? createLocalJWKSet(keys.jwks) : createRemoteJWKSet(keys.url);
  if (decodeProtectedHeader(certificate).typ !== CERTIFICATE_TYPE)
    throw new Error(`not an erasure certificate (typ must be ${CERTIFICATE_TYPE})`);
  const { payload } = await jwtVerify(certificate, keySet, { issuer: CERTIFICATE_ISSUER, algorithms: ['EdDSA'] });
  const statement = payload.erasure as ErasureStatement | undefined;
  if (!statement || payload.sub !== statement.accountId || payload.jti !== statement.erasureId)
    throw new Error('the certificate does not state an erasure of the account it names');
  return statement;
}

/** How the re-check reaches the running services, as an auditor. */
export interface RunningSystem {
  readonly urls: Readonly<Record<string, string>>;
  readonly token: string;
  readonly fetch?: typeof fetch;
}

/**
 * Re-checks a verified statement against the running services: retention recorded this very certificate for the
 * erasure, and each participant holds no key of the account (those the certificate names included) and still has
 * the account's events in its ledger, with no personal part open.
 */
export async function recheck(certificate: string, statement: ErasureStatement, system: RunningSystem): Promise<Finding[]> {
  const findings: Finding[] = [await recorded(certificate, statement, system)];
  for (const participant of statement.participants) {
    const base = system.urls[participant.service];
    if (!base) {
      findings.push({ check: `${participant.service}: reachable`, holds: false, detail: 'no URL for this service' });
      continue;
    }
    const answer = await (system.fetch ?? fetch)(`${base}/accounts/${statement.accountId}/erasure-check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subjectIds: participant.destroyedKeys.map((key) => key.subjectId) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!answer.ok) {
      findings.push({ check: `${participant.service}: answers the erasure check`, holds: false, detail: `HTTP ${answer.status}` });
      continue;
    }
    const check = (await answer.json()) as { liveKeys: string[]; events: number; openedParts: number; shreddedParts: number };
    findings.push(
      {
        check: `${participant.service}: no key of the account is held, those named included`,
        holds: check.liveKeys.length === 0,
        detail: check.liveKeys.join(', ') || undefined,
      },
      {
        check: `${participant.service}: no personal part of the account opens`,
        holds: check.openedParts === 0,
        detail: `${check.openedParts} open`,
      },
      {
        check: `${participant.service}: the account's events are still in the ledger`,
        holds: participant.destroyedKeys.length === 0 || check.events > 0,
        detail: `${check.events} events, ${check.shreddedParts} parts shredded`,
      },
    );
  }
  return findings;
}

/** The certificate retention keeps for the erasure: one signed with retention's key, but not the one it issued, is a forgery. */
async function recorded(certificate: string, { erasureId }: ErasureStatement, system: RunningSystem): Promise<Finding> {
  const check = 'retention issued this certificate for the erasure';
  const base = system.urls.retention;
  if (!base) return { check, holds: false, detail: 'no URL for retention' };
  const answer = await (system.fetch ?? fetch)(`${base}/erasures/${erasureId}`, {
    headers: { authorization: `Bearer ${system.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!answer.ok) return { check, holds: false, detail: `HTTP ${answer.status}` };
  const erasure = (await answer.json()) as { state: string; certificate: string | null };
  return { check, holds: erasure.state === 'completed' && erasure.certificate === certificate, detail: erasure.state };
}
