import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { PolicyVersion } from './policy-versions.decider';

/** P18: `noticeAt` absent means notice is given now. */
export class PublishPolicyVersionCommand extends Command<PolicyVersion> {
  constructor(
    readonly version: string,
    readonly summary: string,
    readonly noticeAt: string | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
