import { Injectable } from '@nestjs/common';
import { WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { PolicyVersionsService } from '../policy-versions/policy-versions.service';
import { consentsStream, type ConsentPurpose } from './consent.events';
import { consentsAggregate, granted, type ConsentsState } from './consents.decider';

const PARTNER = 'sharing:';

@Injectable()
export class ConsentsService {
  constructor(
    private readonly writes: WritePath,
    private readonly policies: PolicyVersionsService,
  ) {}

  async view(accountId: string) {
    return this.present((await this.writes.load(consentsAggregate, consentsStream(accountId))).state);
  }

  async set(accountId: string, purpose: ConsentPurpose, value: boolean, context: CommandContext) {
    const policyVersion = (await this.policies.at(context.occurredAt)).current.version;
    const command = {
      type: 'SetConsent' as const,
      accountId,
      purpose,
      granted: value,
      policyVersion,
      changedBy: context.actor,
      at: context.occurredAt,
    };
    return this.present((await this.writes.handle(consentsAggregate, consentsStream(accountId), command, context)).state);
  }

  /** The current choices, and every change with its time and policy version. */
  private present(state: ConsentsState) {
    const partners = Object.entries(state.choices)
      .filter(([purpose]) => purpose.startsWith(PARTNER))
      .map(([purpose, choice]) => ({ partner: purpose.slice(PARTNER.length), ...choice }));
    return {
      marketingMailings: granted(state, 'marketing-mailings'),
      partners,
      history: state.history.map(({ purpose, granted: value, policyVersion, changedAt, changedBy }) => ({
        purpose,
        granted: value,
        policyVersion,
        changedAt,
        changedBy,
      })),
    };
  }
}
