import type { ReceivedMail } from '@privacy-ledger/testing';
import type { Mailer } from './mailer.port';

export interface MailerUnderTest {
  readonly mailer: Mailer;
  /** What arrived on the other side, decoded as a mail client would. */
  received(): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export const SENDER = 'Privacy Ledger <no-reply@privacy-ledger.test>';

/** Every adapter of the Mailer port passes this suite. */
export function mailerContract(open: () => Promise<MailerUnderTest>): void {
  let subject: MailerUnderTest;
  beforeEach(async () => (subject = await open()));
  afterEach(() => subject.close());

  it('delivers sender, recipient, subject and text intact, long links and other scripts included', async () => {
    const link = `https://contacts.example.test/verify?token=${'x'.repeat(120)}&contact=0b6d3a52-2c1e-4a8e-9d43-5f1c7b2e9a10`;
    await subject.mailer.send({
      to: { name: 'Zoë Ångström', address: 'zoe@example.test' },
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
      text: `Hello Zoë,\n\nfollow ${link}\n`,
    });
    expect(await subject.received()).toEqual([
      {
        from: '"Privacy Ledger" <no-reply@privacy-ledger.test>',
        to: '"Zoë Ångström" <zoe@example.test>',
        recipients: ['zoe@example.test'],
        subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
        text: `Hello Zoë,\n\nfollow ${link}\n`,
      },
    ]);
  });

  it('keeps a recipient name that looks like more addresses to the one recipient', async () => {
    await subject.mailer.send({ to: { name: 'Doe, John <attacker@example.test>', address: 'john@example.test' }, subject: 's', text: 't' });
    const [mail] = await subject.received();
    expect(mail.to).toMatch(/<john@example\.test>$/);
    expect(mail.recipients).toEqual(['john@example.test']);
  });

  it('delivers each message once, in order', async () => {
    for (const n of [1, 2, 3])
      await subject.mailer.send({ to: { address: `n${n}@example.test` }, subject: `message ${n}`, text: `number ${n}` });
    expect((await subject.received()).map((mail) => mail.subject)).toEqual(['message 1', 'message 2', 'message 3']);
  });
}
