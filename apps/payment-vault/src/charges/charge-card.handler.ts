import { BadGatewayException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { DomainRuleViolation, isShredded, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { describeFault, jsonLogger } from '@privacy-ledger/platform';
import { cardRequestsAggregate, type CardRequestsState, type ChargeState } from '../card-requests/card-requests.decider';
import { cardsAggregate } from '../cards/cards.decider';
import type { CardDetails } from '../cards/cards.events';
import { StaffCardUse } from '../card-use/staff-card-use';
import { VaultMac } from '../vault-mac';
import { ChargeCardCommand } from './charge-card.command';
import { chargeView, type ChargeView } from './charge-view';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './payment-processor.port';

const logger = jsonLogger('payment-vault');

/** How long a retry waits for the call that started a charge to settle it, before sending the order itself. */
export const SETTLEMENT_WAIT_MS = 10_000;
const POLL_MS = 100;

/**
 * Charges once per Idempotency-Key: the charge is started in the request's stream (one writer wins, in any
 * process), the order goes to the processor under the charge's id, and the answer is settled in the
 * stream. A retry gives the settled answer; one that finds the charge still open waits for it, and
 * after a while sends the order again, which the processor answers as the first time.
 */
@CommandHandler(ChargeCardCommand)
export class ChargeCardHandler implements ICommandHandler<ChargeCardCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly use: StaffCardUse,
    private readonly mac: VaultMac,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ accountId, cardId, requestId, idempotencyKey, principal, context }: ChargeCardCommand): Promise<ChargeView> {
    const chargeId = this.mac.chargeId(accountId, idempotencyKey);
    return this.use.attempt({ accountId, cardId, requestId, purpose: 'charge' }, principal, context, async () => {
      const { state: before } = await this.writes.load(cardRequestsAggregate, accountId);
      const earlier = chargeOf(before, chargeId, { cardId, requestId });
      if (earlier?.settled) return chargeView(accountId, earlier);
      const card = await this.cardDetails(accountId, cardId);
      await this.settleAbandoned(accountId, before, { requestId, cardId, chargeId }, card, context);
      const start = { type: 'StartCharge' as const, accountId, requestId, chargeId, cardId, staffId: principal.id, at: context.occurredAt };
      const { state, events } = await this.writes.handle(cardRequestsAggregate, accountId, start, context);
      const charge = state.charges[chargeId];
      if (charge.settled) return chargeView(accountId, charge);
      const startedHere = events.length > 0;
      return chargeView(
        accountId,
        startedHere ? await this.send(accountId, charge, card, context) : await this.settledElsewhere(accountId, charge, card, context),
      );
    });
  }

  /**
   * A charge of this request that a stopped process left unsettled for longer than a retry waits: sent again
   * under its own id, which the processor answers as the first time, so the request does not stay `charging`
   * for a client that lost its Idempotency-Key.
   */
  private async settleAbandoned(
    accountId: string,
    state: CardRequestsState,
    asked: Pick<ChargeState, 'requestId' | 'cardId' | 'chargeId'>,
    card: CardDetails,
    context: CommandContext,
  ): Promise<void> {
    const abandoned = Object.values(state.charges).find(
      (charge) =>
        charge.requestId === asked.requestId &&
        charge.cardId === asked.cardId &&
        charge.chargeId !== asked.chargeId &&
        charge.settled === null &&
        this.clock.now().getTime() - Date.parse(charge.startedAt) >= SETTLEMENT_WAIT_MS,
    );
    if (abandoned) await this.send(accountId, abandoned, card, context);
  }

  private async cardDetails(accountId: string, cardId: string): Promise<CardDetails> {
    const card = (await this.writes.load(cardsAggregate, accountId)).state.cards[cardId];
    if (!card || isShredded(card.details)) throw new DomainRuleViolation('not_found', 'no such card');
    return card.details;
  }

  private async send(accountId: string, charge: ChargeState, card: CardDetails, context: CommandContext): Promise<ChargeState> {
    const { chargeId, amount } = charge;
    const answer = await this.processor.charge({ chargeId, card, amount }).catch((error: unknown) => {
      logger.error({ msg: 'the payment processor did not answer', ...describeFault(error), chargeId });
      throw new BadGatewayException('the payment processor did not answer: retry with the same Idempotency-Key to learn the outcome');
    });
    const settle = { type: 'SettleCharge' as const, accountId, chargeId, ...answer, at: this.clock.now().toISOString() };
    const { state } = await this.writes.handle(cardRequestsAggregate, accountId, settle, context);
    return state.charges[chargeId];
  }

  /** Another call started this charge: its answer, or, if it seems to have stopped, the processor's answer to the same order. */
  private async settledElsewhere(accountId: string, charge: ChargeState, card: CardDetails, context: CommandContext): Promise<ChargeState> {
    const patience = SETTLEMENT_WAIT_MS - (this.clock.now().getTime() - Date.parse(charge.startedAt));
    for (let waited = 0; waited < patience; waited += POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const now = (await this.writes.load(cardRequestsAggregate, accountId)).state.charges[charge.chargeId];
      if (now.settled) return now;
    }
    return this.send(accountId, charge, card, context);
  }
}

/** The charge this Idempotency-Key started in this account, if any: a retry must name the same card and request. */
function chargeOf(state: CardRequestsState, chargeId: string, asked: Pick<ChargeState, 'cardId' | 'requestId'>): ChargeState | undefined {
  const charge = state.charges[chargeId];
  if (charge && (charge.cardId !== asked.cardId || charge.requestId !== asked.requestId))
    throw new DomainRuleViolation('conflict', 'this Idempotency-Key was used for another charge of this account: use a new key');
  return charge;
}
