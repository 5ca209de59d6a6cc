import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ConsentPurpose } from './consents.events';
import type { ConsentsView } from './consents-view';

/** P13, P15: a customer's choice for one purpose, recorded with the policy version in force. */
export class SetConsentCommand extends Command<ConsentsView> {
  constructor(
    readonly accountId: string,
    readonly purpose: ConsentPurpose,
    readonly granted: boolean,
    readonly context: CommandContext,
  ) {
    super();
  }
}
