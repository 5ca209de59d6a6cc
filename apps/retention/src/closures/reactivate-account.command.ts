import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { CalledOff } from '../erasures/erasure-view';

/** P12: a cancelled account comes back within the retention period; its erasure is called off. */
export class ReactivateAccountCommand extends Command<CalledOff> {
  constructor(
    readonly accountId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
