import { DomainRuleViolation, WritePath, type Aggregate, type CommandContext, type DomainEvent } from '@privacy-ledger/ledger';
import { composeInMemory, type InMemoryPlatform } from '@privacy-ledger/runtime';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { legalHoldsAggregate, standingHoldsOn, type LegalHoldsCommand } from '../legal-holds/legal-holds.decider';
import { ErasureStarter } from './erasure-starter';

const accountId = '5d7c1f0e-7a53-4c55-9a7e-2b0c3f1d4e6a';
const context: CommandContext = { correlationId: 'c', causationId: null, actor: 'spec', occurredAt: '2026-12-01T10:00:00.000Z' };
const placeHold: LegalHoldsCommand = {
  type: 'PlaceLegalHold',
  accountId,
  holdId: 'h1',
  kind: 'court-order',
  reference: 'Case 12/345',
  reason: 'keep it',
  placedBy: 'po-1',
  at: context.occurredAt,
};

/** The ledger's writes, with a privacy officer placing a hold at the moment the starter writes to `racedAggregate`. */
class WritesWithARacingHold extends WritePath {
  hold: 'placed' | 'refused' | null = null;

  constructor(
    { events, keyring }: InMemoryPlatform,
    private readonly racedAggregate: string,
  ) {
    super(events, keyring);
  }

  override async handle<C, S, E extends DomainEvent>(aggregate: Aggregate<C, S, E>, id: string, command: C, ctx: CommandContext) {
    if (aggregate.name === this.racedAggregate && this.hold === null) {
      try {
        await super.handle(legalHoldsAggregate, accountId, placeHold, context);
        this.hold = 'placed';
      } catch (error) {
        if (!(error instanceof DomainRuleViolation)) throw error;
        this.hold = 'refused';
      }
    }
    return super.handle(aggregate, id, command, ctx);
  }
}

describe('starting an erasure while a hold is placed (P12)', () => {
  async function race(racedAggregate: string) {
    const platform = composeInMemory('retention', { start: context.occurredAt });
    const writes = new WritesWithARacingHold(platform, racedAggregate);
    const close = {
      type: 'CloseAccount',
      accountId,
      erasureId: 'er-1',
      removeNow: true,
      requestedBy: accountId,
      retentionMs: 1,
      at: context.occurredAt,
    };
    await new WritePath(platform.events, platform.keyring).handle(accountClosureAggregate, accountId, close as never, context);
    const started = await new ErasureStarter(writes, platform.clock).start(accountId, { correlationId: 'c', causationId: null });
    const closure = (await writes.load(accountClosureAggregate, accountId)).state.status;
    return { started, closure, hold: writes.hold, standing: (await standingHoldsOn(writes, accountId)).length };
  }

  it('refuses a hold placed once the holds are closed for the erasure, which goes ahead', async () => {
    expect(await race(accountClosureAggregate.name)).toEqual({ started: true, closure: 'erasing', hold: 'refused', standing: 0 });
  });

  it('waits for a hold placed before the holds could close, which stands', async () => {
    expect(await race(legalHoldsAggregate.name)).toEqual({ started: false, closure: 'removing', hold: 'placed', standing: 1 });
  });
});
