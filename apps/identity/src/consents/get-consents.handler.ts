import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isShredded, WritePath } from '@privacy-ledger/ledger';
import { accountAggregate } from '../accounts/account.decider';
import { consentsAggregate } from './consents.decider';
import { consentsView, type ConsentsView } from './consents-view';
import { GetConsentsQuery } from './get-consents.query';

@QueryHandler(GetConsentsQuery)
export class GetConsentsHandler implements IQueryHandler<GetConsentsQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId }: GetConsentsQuery): Promise<ConsentsView> {
    const { state } = await this.writes.load(consentsAggregate, accountId);
    if (state.shredded) throw new NotFoundException('no such account: its data was erased');
    if (state.history.length === 0) await this.assertAccountHeld(accountId);
    return consentsView(state);
  }

  /** Without a recorded choice, the defaults stand, but only for an account that exists and was not erased. */
  private async assertAccountHeld(accountId: string): Promise<void> {
    const { state } = await this.writes.load(accountAggregate, accountId);
    if (state.status !== 'open') throw new NotFoundException('no such account');
    if (isShredded(state.secrets)) throw new NotFoundException('no such account: its data was erased');
  }
}
