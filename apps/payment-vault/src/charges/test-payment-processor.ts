import { jsonLogger } from '@privacy-ledger/platform';
import type { ChargeOrder, PaymentProcessor, ProcessorAnswer } from './payment-processor.port';

const logger = jsonLogger('payment-vault');

/** Numbers the test processor declines or fails, as the README lists them; every other valid number is approved. */
export const TEST_CARD_ANSWERS: Readonly<Record<string, Omit<ProcessorAnswer, 'reference'>>> = {
  '4000000000000002': { outcome: 'declined', reason: 'card_declined' },
  '4000000000009995': { outcome: 'declined', reason: 'insufficient_funds' },
  '4000000000000069': { outcome: 'declined', reason: 'expired_card' },
  '4000000000000119': { outcome: 'failed', reason: 'processing_error' },
};

/**
 * The built-in processor: deterministic, so that charging works end to end with nothing outside. Like a
 * real processor it keeps the answer of each order by its id and gives it again, charging once.
 */
export class TestPaymentProcessor implements PaymentProcessor {
  private readonly answers = new Map<string, ProcessorAnswer>();

  async charge({ chargeId, card, amount }: ChargeOrder): Promise<ProcessorAnswer> {
    const known = this.answers.get(chargeId);
    if (known) return known;
    const answer = TEST_CARD_ANSWERS[card.number] ?? { outcome: 'approved', reason: null };
    const answered = { ...answer, reference: answer.outcome === 'approved' ? `test_${chargeId}` : null };
    this.answers.set(chargeId, answered);
    logger.log({ msg: 'test payment processor charged', chargeId, outcome: answered.outcome, amount: { ...amount } });
    return answered;
  }
}
