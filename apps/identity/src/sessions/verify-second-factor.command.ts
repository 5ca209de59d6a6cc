import { Command } from '@nestjs/cqrs';
import type { Principal } from '@privacy-ledger/auth';
import type { CommandContext } from '@privacy-ledger/ledger';

/** A staff session passes the second factor: a one-time code of the staff member's authenticator app. */
export class VerifySecondFactorCommand extends Command<{ accessToken: string; tokenType: 'Bearer' }> {
  constructor(
    readonly principal: Principal,
    readonly code: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
