import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runtimeConfig } from '@privacy-ledger/platform';
import { openPlatform } from '@privacy-ledger/runtime';
import {
  createScratchDatabase,
  eventually,
  findCanariesInText,
  freePort,
  http,
  individualSignup,
  inheritedEnvironment,
  serverDatabaseUrl,
  serverSecrets,
  ServiceProcess,
  WORKSPACE_ROOT,
  type ScratchDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'export-e2e-passphrase';
/** Everything the customer enters, in every service: each must be in their export, and none once it is erased. */
const canary = {
  username: 'wilhelmina.exportcanary',
  name: 'Wilhelmina Exportcanary',
  email: 'wilhelmina.ec6603@canary.example',
  street: 'Exportcanaryweg 66',
  phone: '+31206660366',
  userAgent: 'ExportCanaryBrowser/6.6',
  contactName: 'Cornelius Exportcontact',
  contactEmail: 'cornelius.ec6604@canary.example',
  holderName: 'Wilhelmina E Holder',
};
const CANARIES = Object.values(canary);
const CARD_NUMBER = '5105105105105100';
/** A number as some systems show it, the first six and the last four digits: no export may hold it. */
const FIRST_SIX_LAST_FOUR = /510510\D{0,12}5100/;
const SERVICES = ['identity', 'contacts', 'payment-vault', 'retention'] as const;
const serverUrl = serverDatabaseUrl();

(serverUrl ? describe : describe.skip)(
  'subject access export, server mode: the four services as processes on one PostgreSQL database',
  () => {
    const processes = new Map<(typeof SERVICES)[number], ServiceProcess>();
    let scratch: ScratchDatabase;
    let env: Record<string, string>;
    let urls: Record<(typeof SERVICES)[number], string>;

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl!);
      const ports = {
        identity: await freePort(),
        contacts: await freePort(),
        'payment-vault': await freePort(),
        retention: await freePort(),
      };
      urls = Object.fromEntries(SERVICES.map((service) => [service, `http://127.0.0.1:${ports[service]}`])) as typeof urls;
      env = {
        DATABASE_URL: scratch.url,
        ...(await serverSecrets()),
        OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'export-outbox-')),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'export-data-')),
        // Every port named, so that retention finds the others where they listen (CONTACTS_URL and PAYMENT_VAULT_URL by default).
        IDENTITY_PORT: String(ports.identity),
        CONTACTS_PORT: String(ports.contacts),
        PAYMENT_VAULT_PORT: String(ports['payment-vault']),
        RETENTION_PORT: String(ports.retention),
        EXPORT_TIMEOUT_SECONDS: '5',
      };
      // Identity first: a signup hands its contact person to contacts, which must have started once (its KEK epoch).
      for (const service of SERVICES) processes.set(service, ServiceProcess.start(`apps/${service}/dist/main.js`, env));
      await Promise.all(SERVICES.map((service) => processes.get(service)!.waitForHealth(urls[service])));
    });
    afterAll(async () => {
      await Promise.all([...processes.values()].map((process) => process.stop()));
      await scratch?.drop();
    });

    /** A privacy officer made with `npm run staff:create`, logged in. */
    async function privacyOfficer(): Promise<string> {
      const args = [
        '--username',
        'export.officer',
        '--name',
        'Export Officer',
        '--email',
        'officer@staff.example',
        '--role',
        'privacy-officer',
      ];
      await promisify(execFile)(process.execPath, ['apps/identity/dist/cli/create-staff.cli.js', ...args], {
        cwd: WORKSPACE_ROOT,
        env: { ...inheritedEnvironment(), ...env, STAFF_PASSWORD: PASSWORD },
      });
      return (await http(urls.identity, 'POST', '/sessions', { body: { username: 'export.officer', password: PASSWORD } })).body
        .accessToken;
    }

    /** The export process's stand-in until the erasure process runs: each service's keys of the account destroyed, as it will. */
    async function destroyKeysOf(accountId: string): Promise<void> {
      const keeping = SERVICES.slice(0, 3);
      // Opening a platform narrows this process's umask, as it does a service's: the suite's process gets its own back.
      const umask = process.umask();
      const platform = await openPlatform(runtimeConfig({ ...inheritedEnvironment(), ...env }), () => undefined, keeping);
      try {
        for (const service of keeping) await platform.keyringOf(service).destroyAccount(accountId);
      } finally {
        await platform.close();
        process.umask(umask);
      }
    }

    it('gives customer and officer one document of everything, opened, a card only masked; after erasure nothing personal', async () => {
      const accountId = (await http(urls.identity, 'POST', '/accounts', { body: individualSignup(canary, PASSWORD) })).body.id as string;
      const login = await http(urls.identity, 'POST', '/sessions', {
        body: { username: canary.username, password: PASSWORD },
        headers: { 'user-agent': canary.userAgent },
      });
      const token = (
        await http(urls.identity, 'POST', '/sessions/step-up', { token: login.body.accessToken, body: { password: PASSWORD } })
      ).body.accessToken as string;
      const primary = await eventually(
        () => http(urls.contacts, 'GET', '/accounts/me/contacts', { token }),
        (listed) => listed.body.contacts?.length === 1,
      );
      expect(primary.body.contacts).toHaveLength(1);
      const contact = { name: canary.contactName, email: canary.contactEmail, roles: ['technical'] };
      expect((await http(urls.contacts, 'POST', '/accounts/me/contacts', { token, body: contact })).status).toBe(201);
      const card = { number: CARD_NUMBER, expiryMonth: 6, expiryYear: 2031, holderName: canary.holderName };
      expect((await http(urls['payment-vault'], 'POST', '/accounts/me/cards', { token, body: card })).status).toBe(201);

      const mine = await http(urls.retention, 'GET', '/accounts/me/export', { token });
      expect(mine).toMatchObject({ status: 200, body: { accountId, erased: false, erasure: null } });
      expect(Object.keys(mine.body.services).sort()).toEqual([...SERVICES].sort());
      const text = JSON.stringify(mine.body);
      expect(findCanariesInText(text, CANARIES)).toEqual(CANARIES);
      expect(text).not.toMatch(FIRST_SIX_LAST_FOUR);
      expect(mine.body.services['payment-vault'].records[0]).toMatchObject({ personal: { brand: 'mastercard', last4: '5100' } });

      const officer = await privacyOfficer();
      const forOfficer = await http(urls.retention, 'GET', `/accounts/${accountId}/export`, { token: officer });
      expect(forOfficer.status).toBe(200);
      for (const service of SERVICES) expect(forOfficer.body.services[service].records).toEqual(mine.body.services[service].records);

      const closure = await http(urls.retention, 'POST', '/accounts/me/closure', { token, body: { removeNow: true } });
      expect(closure.status).toBe(202);
      await destroyKeysOf(accountId);
      const erased = await http(urls.retention, 'GET', `/accounts/${accountId}/export`, { token: officer });
      expect(erased).toMatchObject({
        status: 200,
        body: { erased: true, erasure: { requestedAt: closure.body.requestedAt, dueAt: closure.body.dueAt } },
      });
      expect(findCanariesInText(JSON.stringify(erased.body), CANARIES)).toEqual([]);
      for (const service of SERVICES) {
        const { records } = erased.body.services[service] as { records: { personal?: object | null }[] };
        expect({ service, kept: records.length > 0, opened: records.filter((record) => record.personal) }).toEqual({
          service,
          kept: true,
          opened: [],
        });
      }

      await processes.get('contacts')!.stop();
      expect(await http(urls.retention, 'GET', `/accounts/${accountId}/export`, { token: officer })).toMatchObject({
        status: 503,
        body: { message: 'the export is incomplete: contacts did not answer; ask again later' },
      });
      for (const service of SERVICES) expect(findCanariesInText(processes.get(service)!.output, CANARIES)).toEqual([]);
    });
  },
);
