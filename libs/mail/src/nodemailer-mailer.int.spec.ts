import { systemClock } from '@privacy-ledger/clock';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { parseMail, readOutbox, type ReceivedMail } from '@privacy-ledger/testing';
import { mailerContract, SENDER } from './mailer.contract';
import { NodemailerMailer } from './nodemailer-mailer';

/** A real SMTP server in this process that wants a login and refuses one mailbox. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'ledger' && auth.password === 'smtp-secret') callback(null, { user: auth.username });
      else callback(new Error('invalid credentials'));
    },
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith('nobody@') ? new Error('no such mailbox') : undefined);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => parseMail(Buffer.concat(chunks)).then((mail) => (received.push(mail), callback()), callback));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('NodemailerMailer over SMTP', () => {
  mailerContract(async () => {
    const server = await startSmtpServer();
    const mailer = NodemailerMailer.smtp(`smtp://ledger:smtp-secret@127.0.0.1:${server.port}`, SENDER);
    return {
      mailer,
      received: async () => server.received,
      close: async () => {
        mailer.close();
        await server.close();
      },
    };
  });

  it('fails the send when the server refuses the login or the recipient, or cannot be reached', async () => {
    const server = await startSmtpServer();
    const wrongLogin = NodemailerMailer.smtp(`smtp://ledger:wrong@127.0.0.1:${server.port}`, SENDER);
    const mailer = NodemailerMailer.smtp(`smtp://ledger:smtp-secret@127.0.0.1:${server.port}`, SENDER);
    try {
      await expect(wrongLogin.send({ to: { address: 'a@example.test' }, subject: 's', text: 't' })).rejects.toThrow(/invalid credentials/);
      await expect(mailer.send({ to: { address: 'nobody@example.test' }, subject: 's', text: 't' })).rejects.toThrow(/no such mailbox/);
      expect(server.received).toEqual([]);
    } finally {
      wrongLogin.close();
      mailer.close();
      await server.close();
    }
    const unreachable = NodemailerMailer.smtp(`smtp://127.0.0.1:${server.port}`, SENDER, { timeoutMs: 2000 });
    await expect(unreachable.send({ to: { address: 'a@example.test' }, subject: 's', text: 't' })).rejects.toThrow();
  });
});

describe('NodemailerMailer in memory', () => {
  mailerContract(async () => {
    const mailer = NodemailerMailer.inMemory(SENDER);
    return { mailer, received: () => Promise.all(mailer.sent.map((raw) => parseMail(raw))), close: async () => undefined };
  });
});

describe('NodemailerMailer into an outbox directory', () => {
  mailerContract(async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
    return {
      mailer: NodemailerMailer.outbox(directory, SENDER, systemClock),
      received: () => readOutbox(directory),
      close: async () => undefined,
    };
  });

  it('writes the text beside each .eml as sent, so a link can be followed from a terminal', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'outbox-'));
    const link = `http://127.0.0.1:3002/contacts/email-verification?account=${'a'.repeat(36)}&token=${'t'.repeat(43)}`;
    await NodemailerMailer.outbox(directory, SENDER, systemClock).send({
      to: { name: 'Zoë', address: 'zoe@example.test' },
      subject: 'Confirm',
      text: `Follow ${link}`,
    });
    const [text] = readdirSync(directory).filter((name) => name.endsWith('.txt'));
    expect(readFileSync(join(directory, text), 'utf8')).toBe(`To: zoe@example.test\nSubject: Confirm\n\nFollow ${link}\n`);
  });

  it('creates the outbox and the directories above it for this user only (0700), its messages 0600', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'mail');
    const directory = join(root, 'outbox');
    await NodemailerMailer.outbox(directory, SENDER, systemClock).send({ to: { address: 'a@example.test' }, subject: 's', text: 't' });
    expect([root, directory].map((path) => statSync(path).mode & 0o777)).toEqual([0o700, 0o700]);
    expect(readdirSync(directory).map((name) => statSync(join(directory, name)).mode & 0o777)).toEqual([0o600, 0o600]);
  });

  it('fails the send when the outbox cannot be written', async () => {
    const aFile = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'a-file');
    writeFileSync(aFile, '');
    const mailer = NodemailerMailer.outbox(join(aFile, 'outbox'), SENDER, systemClock);
    await expect(mailer.send({ to: { address: 'a@example.test' }, subject: 's', text: 't' })).rejects.toThrow();
  });
});
