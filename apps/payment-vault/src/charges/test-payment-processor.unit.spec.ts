import { paymentProcessorContract } from './payment-processor.contract';
import { TEST_CARD_ANSWERS, TestPaymentProcessor } from './test-payment-processor';

describe('the test payment processor', () => {
  paymentProcessorContract(() => new TestPaymentProcessor(), { approved: '4242424242424242', declined: '4000000000000002' });

  it('answers each documented test number as the README lists it', async () => {
    const processor = new TestPaymentProcessor();
    for (const [number, { outcome, reason }] of Object.entries(TEST_CARD_ANSWERS)) {
      const card = { number, expiryMonth: 1, expiryYear: 2031, holderName: 'Test' };
      expect(await processor.charge({ chargeId: number, card, amount: { minorUnits: 1, currency: 'USD' } })).toEqual({
        outcome,
        reason,
        reference: null,
      });
    }
  });
});
