import { SignJWT } from 'jose';
import type { DestroyedKey, ErasureParticipant, ErasureStartedData, LegalBasis } from '@privacy-ledger/contracts';
import type { Ed25519Key } from '@privacy-ledger/platform';

export const CERTIFICATE_ISSUER = 'privacy-ledger/retention';
export const CERTIFICATE_TYPE = 'erasure-certificate+jwt';

/** One participant's part: the keys it destroyed, when, the KEK epoch retired after them, and its confirmation in the ledger. */
export interface ParticipantConfirmation {
  readonly service: ErasureParticipant;
  readonly confirmedAt: string;
  /** The ledger position of the erasure's start the participant acted on, and of its confirmation. */
  readonly actedOnPosition: number;
  readonly confirmationPosition: number;
  readonly destroyedKeys: readonly Pick<DestroyedKey, 'subjectId' | 'destroyedAt'>[];
  readonly removed: readonly string[];
  /** The epoch whose KEK was destroyed after the keys: null when the participant held no key of the account. */
  readonly retiredEpoch: { readonly epoch: number; readonly retiredAt: string } | null;
}

/** What an erasure certificate states: the account by id only, never a name. */
export interface ErasureStatement {
  readonly erasureId: string;
  readonly accountId: string;
  readonly legalBasis: LegalBasis;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly participants: readonly ParticipantConfirmation[];
  /** The ledger's position at completion: every event up to it was written before the erasure completed. */
  readonly ledgerPosition: number;
}

export function statementOf(
  started: ErasureStartedData,
  participants: readonly ParticipantConfirmation[],
  completedAt: string,
  ledgerPosition: number,
): ErasureStatement {
  const { erasureId, accountId, legalBasis, requestedBy, requestedAt, startedAt } = started;
  return { erasureId, accountId, legalBasis, requestedBy, requestedAt, startedAt, completedAt, participants, ledgerPosition };
}

/** Signs statements as compact JWS with retention's key; anyone with its JWKS checks them offline. */
export class ErasureCertificates {
  constructor(private readonly key: Ed25519Key) {}

  get jwks() {
    return this.key.jwks;
  }

  sign(statement: ErasureStatement): Promise<string> {
    return new SignJWT({ erasure: statement as never })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.key.publicJwk.kid, typ: CERTIFICATE_TYPE })
      .setIssuer(CERTIFICATE_ISSUER)
      .setSubject(statement.accountId)
      .setJti(statement.erasureId)
      .setIssuedAt(Math.floor(Date.parse(statement.completedAt) / 1000))
      .sign(this.key.privateKey);
  }
}
