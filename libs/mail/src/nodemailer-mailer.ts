import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { Clock } from '@privacy-ledger/clock';
import type { Mailer, MailMessage } from './mailer.port';

type Composed = { message?: unknown };
type Delivery = (composed: Composed, message: MailMessage) => Promise<void>;

/** Messages composed by nodemailer, delivered by SMTP or into an outbox directory. */
export class NodemailerMailer implements Mailer {
  private constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly deliver: Delivery = async () => undefined,
  ) {}

  /**
   * Embedded mode: each message becomes an `.eml` file that any mail client opens, with a `.txt` beside it
   * that shows the text as sent, links unbroken, for a terminal. It stands for mail already delivered to
   * the outside world, so it lives outside the data directory.
   */
  static outbox(directory: string, from: string, clock: Clock): NodemailerMailer {
    let sequence = 0;
    return new NodemailerMailer(
      createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
      from,
      async ({ message }, { to, subject, text }) => {
        // The outbox holds the addresses mail went to: only this user may read it.
        await mkdir(directory, { recursive: true, mode: 0o700 });
        // Names sort in the order the messages were sent.
        const name = join(
          directory,
          `${clock.now().toISOString().replace(/[:.]/g, '-')}-${String(sequence++).padStart(6, '0')}-${randomUUID().slice(0, 8)}`,
        );
        await writeFile(`${name}.eml`, message as Buffer, { mode: 0o600 });
        await writeFile(`${name}.txt`, `To: ${to.address}\nSubject: ${subject}\n\n${text}\n`, { mode: 0o600 });
      },
    );
  }

  /** Keeps each composed message in memory, in the order sent: for specifications that read what was mailed. */
  static inMemory(from: string): NodemailerMailer & { readonly sent: Buffer[] } {
    const sent: Buffer[] = [];
    const mailer = new NodemailerMailer(
      createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
      from,
      async ({ message }) => {
        sent.push(message as Buffer);
      },
    );
    return Object.assign(mailer, { sent });
  }

  /** Any SMTP server, from a URL such as `smtps://user:password@mail.example.com:465`. */
  static smtp(url: string, from: string, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): NodemailerMailer {
    return new NodemailerMailer(
      createTransport(url, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: 3 * timeoutMs }),
      from,
    );
  }

  async send(message: MailMessage): Promise<void> {
    await this.deliver(
      await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text }),
      message,
    );
  }

  close(): void {
    this.transport.close();
  }
}
