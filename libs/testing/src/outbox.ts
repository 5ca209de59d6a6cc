import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  readonly from: string;
  readonly to: string;
  /** Every address the message goes to. */
  readonly recipients: string[];
  readonly subject: string;
  readonly text: string;
}

/** Decodes a raw RFC 5322 message as a mail client would (quoted-printable, encoded headers). */
export async function parseMail(raw: Buffer | string): Promise<ReceivedMail> {
  const parsed: ParsedMail = await simpleParser(raw);
  const address = (field: ParsedMail['to'] | ParsedMail['from']) =>
    Array.isArray(field) ? field.map((a) => a.text).join(', ') : (field?.text ?? '');
  const recipients = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((field) =>
    field.value.map((entry) => entry.address ?? ''),
  );
  return { from: address(parsed.from), to: address(parsed.to), recipients, subject: parsed.subject ?? '', text: parsed.text ?? '' };
}

/** Every message in an outbox directory, oldest first. */
export async function readOutbox(directory: string): Promise<ReceivedMail[]> {
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .sort();
  return Promise.all(files.map((name) => parseMail(readFileSync(join(directory, name)))));
}

/** The first https or http link in a message's text. */
export function linkIn(mail: ReceivedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in the message "${mail.subject}"`);
  return new URL(match[0]);
}
