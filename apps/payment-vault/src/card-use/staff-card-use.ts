import { Inject, Injectable } from '@nestjs/common';
import { MFA_REQUIRED, type Principal } from '@privacy-ledger/auth';
import { KEYRING, refuseErasedAccount, type Keyring } from '@privacy-ledger/keyring';
import { DomainRuleViolation, WritePath, WrongExpectedRevisionError, type CommandContext } from '@privacy-ledger/ledger';
import { cardUseRefusalsAggregate } from './card-use-refusals.decider';
import type { UsePurpose } from './card-use.events';

/** A staff member's attempt to use one card, on the request they name. */
export interface AttemptedUse {
  readonly accountId: string;
  readonly cardId: string;
  readonly requestId: string | null;
  readonly purpose: UsePurpose;
}

/** Who may use a card at all (PCI DSS 7, 8.4): a card custodian who passed their second factor in this session. */
export function refusalOfStaff(principal: Principal): string | null {
  if (principal.kind !== 'staff' || !principal.roles.includes('card-custodian')) return 'only a card custodian may use a card';
  if (principal.mfaAt === null) return MFA_REQUIRED;
  return null;
}

/** Refused uses answer 403, 404 or 409, as anywhere, and are recorded first: the access log holds every try, not only those let through. */
const RECORDED_REFUSALS = new Set(['forbidden', 'not_found', 'conflict']);

@Injectable()
export class StaffCardUse {
  constructor(
    private readonly writes: WritePath,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /**
   * Runs the use if the staff member may use cards; the use itself checks the customer's request. A try on an
   * erased account is not found and not recorded: nothing is written for it any more, not even a refusal naming it.
   */
  async attempt<T>(use: AttemptedUse, principal: Principal, context: CommandContext, run: () => Promise<T>): Promise<T> {
    await refuseErasedAccount(this.keyring, use.accountId);
    try {
      const refusal = refusalOfStaff(principal);
      if (refusal) throw new DomainRuleViolation('forbidden', refusal);
      return await run();
    } catch (error) {
      const reason = refusalReason(error);
      if (reason !== null) await this.record(use, principal.id, reason, context);
      throw error;
    }
  }

  private async record(use: AttemptedUse, staffId: string, reason: string, context: CommandContext): Promise<void> {
    const command = { type: 'RecordRefusedUse' as const, staffId, ...use, reason, at: context.occurredAt };
    await this.writes.handle(cardUseRefusalsAggregate, staffId, command, context);
  }
}

function refusalReason(error: unknown): string | null {
  if (error instanceof DomainRuleViolation) return RECORDED_REFUSALS.has(error.kind) ? error.message : null;
  // Writers racing past the write path's retries: answered as a conflict, recorded as one.
  return error instanceof WrongExpectedRevisionError ? 'the card or its request was changed by another request meanwhile' : null;
}
