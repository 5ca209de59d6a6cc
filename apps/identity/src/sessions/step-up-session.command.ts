import { Command } from '@nestjs/cqrs';
import type { Principal } from '@privacy-ledger/auth';
import type { CommandContext } from '@privacy-ledger/ledger';

/** P14: the password entered again within a session. */
export class StepUpSessionCommand extends Command<{ accessToken: string; tokenType: 'Bearer'; stepUpValidForSeconds: number }> {
  constructor(
    readonly principal: Principal,
    readonly password: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
