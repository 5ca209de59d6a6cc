import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** A staff member sets up a second factor: a new TOTP secret, pending until a first code of it confirms it. */
export class StartTotpEnrolmentCommand extends Command<{ otpauthUri: string; secret: string }> {
  constructor(
    readonly staffId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
