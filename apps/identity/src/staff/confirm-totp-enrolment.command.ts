import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** A first code of the pending secret: it shows the authenticator app holds the secret, and enrols it. */
export class ConfirmTotpEnrolmentCommand extends Command<void> {
  constructor(
    readonly staffId: string,
    readonly code: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
