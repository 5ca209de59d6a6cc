import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

export interface SessionClient {
  readonly ipAddress: string;
  readonly userAgent: string | null;
}

/** Login: the user name and password, and where the session comes from (P16). */
export class StartSessionCommand extends Command<{ accessToken: string; tokenType: 'Bearer' }> {
  constructor(
    readonly sessionId: string,
    readonly username: string,
    readonly password: string,
    readonly client: SessionClient,
    readonly context: CommandContext,
  ) {
    super();
  }
}
