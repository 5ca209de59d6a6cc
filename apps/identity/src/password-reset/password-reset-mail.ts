import type { MailMessage } from '@privacy-ledger/mail';

export const RESET_TTL_MINUTES = 30;

export function passwordResetMail(identityPublicUrl: string, to: { name: string; email: string }, token: string): MailMessage {
  const endpoint = new URL(
    'password-resets/completion',
    identityPublicUrl.endsWith('/') ? identityPublicUrl : `${identityPublicUrl}/`,
  ).toString();
  return {
    to: { name: to.name, address: to.email },
    subject: 'Reset your password',
    text: [
      `Hello ${to.name},`,
      '',
      'someone asked to reset the password of your hosting account. If it was you, choose a new password',
      'of at least 12 characters and send it with this token:',
      '',
      token,
      '',
      `to ${endpoint}, for example:`,
      '',
      `curl -X POST ${endpoint} -H 'content-type: application/json' -d '{"token":"${token}","password":"<new password>"}'`,
      '',
      `The token works once and expires in ${RESET_TTL_MINUTES} minutes; resetting ends every session of your account.`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
  };
}
