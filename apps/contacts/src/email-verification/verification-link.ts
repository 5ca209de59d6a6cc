import { HOUR_MS, later } from '@privacy-ledger/clock';
import type { MailMessage } from '@privacy-ledger/mail';
import { hashOfToken, newSecretToken } from '@privacy-ledger/platform';
import type { PendingVerification } from '../contact-persons/contacts.events';

export const VERIFICATION_TTL_HOURS = 24;
export const VERIFICATION_PATH = 'contacts/email-verification';

/** A single-use secret for one address: the link carries it, the ledger keeps only its hash. */
export function newVerificationToken(at: string): { token: string; pending: PendingVerification } {
  const token = newSecretToken();
  return {
    token,
    pending: { tokenHash: hashOfToken(token), expiresAt: later(at, VERIFICATION_TTL_HOURS * HOUR_MS) },
  };
}

export function verificationMail(
  publicUrl: string,
  to: { name: string; email: string },
  ids: { accountId: string; contactId: string },
  token: string,
): MailMessage {
  const link = new URL(VERIFICATION_PATH, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  link.search = new URLSearchParams({ account: ids.accountId, contact: ids.contactId, token }).toString();
  return {
    to: { name: to.name, address: to.email },
    subject: 'Please confirm your e-mail address',
    text: [
      `Hello ${to.name},`,
      '',
      'you were named as a contact person of a hosting account. Please confirm that this address works by opening this link:',
      '',
      link.toString(),
      '',
      `The link works once and expires in ${VERIFICATION_TTL_HOURS} hours. If you did not expect this message, you can ignore it.`,
    ].join('\n'),
  };
}
