import { randomUUID } from 'node:crypto';
import type { PaymentProcessor } from './payment-processor.port';

/**
 * Every adapter of the PaymentProcessor port passes this suite against its test environment: `approved` and
 * `declined` are card numbers that environment approves and declines.
 */
export function paymentProcessorContract(open: () => PaymentProcessor, numbers: { approved: string; declined: string }): void {
  const order = (number: string, chargeId: string = randomUUID()) => ({
    chargeId,
    card: { number, expiryMonth: 12, expiryYear: 2030, holderName: 'Ada Contract' },
    amount: { minorUnits: 1999, currency: 'EUR' },
  });

  it('approves a charge with a reference of its own, and declines one with a reason', async () => {
    const processor = open();
    const approved = await processor.charge(order(numbers.approved));
    expect(approved).toEqual({ outcome: 'approved', reference: expect.any(String), reason: null });
    expect(await processor.charge(order(numbers.declined))).toEqual({ outcome: 'declined', reference: null, reason: expect.any(String) });
  });

  it('answers an order sent again under the same id as the first time, and another id with a charge of its own', async () => {
    const processor = open();
    const first = await processor.charge(order(numbers.approved, 'same-charge'));
    expect(await processor.charge(order(numbers.approved, 'same-charge'))).toEqual(first);
    expect((await processor.charge(order(numbers.approved))).reference).not.toBe(first.reference);
  });
}
