import type { PersonalData } from '@privacy-ledger/platform';
import type { AccountClosureEvent } from '../closures/account-closure.events';

/** The services retention asks for their part over HTTP; its own part it builds itself. */
export const GATHERED_SERVICES = ['identity', 'contacts', 'payment-vault'] as const;
export type GatheredService = (typeof GATHERED_SERVICES)[number];

/** A subject access export (P15): everything the system holds of one account, each service's part as that service gave it. */
export interface SubjectExport {
  readonly accountId: string;
  readonly generatedAt: string;
  /** Some service held personal data of the account, and no service opens any of it any more. */
  readonly erased: boolean;
  /**
   * The erasure the account's standing closure asked for: when, when it became (or becomes) due, and when it
   * completed (null until then). Null while none stands.
   */
  readonly erasure: { readonly requestedAt: string; readonly dueAt: string; readonly completedAt: string | null } | null;
  readonly services: Readonly<Record<GatheredService | 'retention', PersonalData>>;
}

export function subjectExport(accountId: string, generatedAt: string, services: SubjectExport['services']): SubjectExport {
  const parts = Object.values(services);
  const erased = parts.some((part) => part.erased) && parts.every((part) => part.erased || !holdsPersonalValues(part));
  return { accountId, generatedAt, erased, erasure: standingErasure(services.retention), services };
}

function holdsPersonalValues(part: PersonalData): boolean {
  return part.records.some((record) => 'personal' in record && record.personal !== null);
}

/** The last closure, unless a reactivation called its erasure off. */
function standingErasure(retention: PersonalData): SubjectExport['erasure'] {
  let erasure = null as SubjectExport['erasure'];
  for (const record of retention.records) {
    const event = { type: record.type, data: record.data } as AccountClosureEvent;
    if (event.type === 'AccountClosed')
      erasure = { requestedAt: erasure?.requestedAt ?? event.data.closedAt, dueAt: event.data.dueAt, completedAt: null };
    if (event.type === 'AccountReactivated') erasure = null;
    if (event.type === 'ErasureCompleted' && erasure) erasure = { ...erasure, completedAt: event.data.completedAt };
  }
  return erasure;
}
