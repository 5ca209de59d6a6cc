import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { STEP_UP_REQUIRED } from '@privacy-ledger/auth';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { startRetentionSpec } from '../retention.spec-service';
import { GATHERED_SERVICES, type GatheredService } from './subject-export';

const CANARY = 'Exportname Halcyonquill';
const TIMEOUT_SECONDS = 0.5;

/** How a stand-in service answers: with its part (erased or not), with another service's, not at all, late, or refusing. */
type Behaviour = 'part' | 'erased' | 'foreign' | 'reset' | 'late' | 'failing' | 'not-found';

/** A stand-in for a service's personal-data routes, on a port of its own: it records who asked, and answers as told. */
class StandIn {
  behaviour: Behaviour = 'part';
  readonly calls: { path: string; authorization?: string; correlationId?: string }[] = [];
  private constructor(
    readonly service: GatheredService,
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(service: GatheredService): Promise<StandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const standIn = new StandIn(service, server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    server.on('request', (request, response) => standIn.answer(request, response));
    return standIn;
  }

  private answer(request: IncomingMessage, response: ServerResponse) {
    const { authorization } = request.headers;
    this.calls.push({ path: request.url!, authorization, correlationId: request.headers['x-correlation-id'] as string });
    const reply = (status: number, body: object) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const asked = /^\/accounts\/([^/]+)\/personal-data$/.exec(request.url!)![1];
    const accountId = asked === 'me' ? decodeJwt(authorization!.slice('Bearer '.length)).sub! : asked;
    switch (this.behaviour) {
      case 'reset':
        return request.socket.destroy();
      case 'late':
        return setTimeout(() => reply(200, partOf(this.service, accountId, false)), TIMEOUT_SECONDS * 4000).unref();
      case 'failing':
        return reply(500, { statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
      case 'not-found':
        return reply(404, { statusCode: 404, error: 'Not Found', message: 'no such account' });
      case 'foreign':
        return reply(200, partOf('identity', randomUUID(), false));
      case 'part':
      case 'erased':
        return reply(200, partOf(this.service, accountId, this.behaviour === 'erased'));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function partOf(service: string, accountId: string, erased: boolean) {
  const record = { stream: `${service}-${accountId}`, type: 'Something', occurredAt: '2026-11-23T10:00:00.000Z', position: 1, data: {} };
  return {
    service,
    accountId,
    generatedAt: '2026-11-23T10:00:00.000Z',
    throughPosition: 1,
    erased,
    records: [erased ? { ...record, shredded: true } : { ...record, personal: { name: CANARY } }],
  };
}

const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });
const staff = (role: 'privacy-officer' | 'support' | 'auditor') => ({ id: randomUUID(), kind: 'staff' as const, roles: [role] });

describe('subject access export (P15): retention gathers every service part, specified over HTTP with stand-in services', () => {
  let spec: ServiceSpec;
  let standIns: Record<GatheredService, StandIn>;
  const calls = () => GATHERED_SERVICES.flatMap((service) => standIns[service].calls);
  const behave = (behaviours: Partial<Record<GatheredService, Behaviour>>) => {
    for (const service of GATHERED_SERVICES) standIns[service].behaviour = behaviours[service] ?? 'part';
  };
  const forget = () => {
    for (const service of GATHERED_SERVICES) standIns[service].calls.length = 0;
  };

  beforeAll(async () => {
    const [identity, contacts, paymentVault] = await Promise.all(GATHERED_SERVICES.map((service) => StandIn.start(service)));
    standIns = { identity, contacts, 'payment-vault': paymentVault };
    const env = {
      IDENTITY_URL: identity.url,
      CONTACTS_URL: contacts.url,
      PAYMENT_VAULT_URL: paymentVault.url,
      EXPORT_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
    };
    spec = await startRetentionSpec({ env });
  });
  beforeEach(() => {
    behave({});
    forget();
  });
  afterAll(async () => {
    await spec.close();
    await Promise.all(Object.values(standIns).map((standIn) => standIn.close()));
  });

  it("answers one document of every service's part, asking each as the customer, on their own routes", async () => {
    const ada = customer();
    const token = await spec.tokenOf(ada);
    const exported = await spec.when('GET', '/accounts/me/export', { as: token, headers: { 'x-correlation-id': 'export-1' } });
    expect(exported).toMatchObject({ status: 200, events: [] });
    expect(exported.body).toEqual({
      accountId: ada.id,
      generatedAt: spec.platform.clock.now().toISOString(),
      erased: false,
      erasure: null,
      services: {
        identity: partOf('identity', ada.id, false),
        contacts: partOf('contacts', ada.id, false),
        'payment-vault': partOf('payment-vault', ada.id, false),
        retention: expect.objectContaining({ service: 'retention', accountId: ada.id, erased: false, records: [] }),
      },
    });
    expect(calls()).toEqual(
      GATHERED_SERVICES.map(() => ({ path: '/accounts/me/personal-data', authorization: `Bearer ${token}`, correlationId: 'export-1' })),
    );
  });

  it("gives the privacy officer any account's export, asking each service for that account as the officer", async () => {
    const accountId = randomUUID();
    const exported = await spec.when('GET', `/accounts/${accountId}/export`, { as: staff('privacy-officer') });
    expect(exported).toMatchObject({ status: 200, body: { accountId, services: { contacts: { accountId } } } });
    expect(calls().map((call) => call.path)).toEqual(GATHERED_SERVICES.map(() => `/accounts/${accountId}/personal-data`));
  });

  it('holds the disclosures the customer may be told of, recipient and reference opened, and none the law bars from notice', async () => {
    const ada = customer();
    const officer = staff('privacy-officer');
    const disclosedAt = new Date(spec.platform.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    const disclose = (recipient: string, barredFromNotice: boolean) =>
      spec.when('POST', `/accounts/${ada.id}/disclosures`, {
        as: officer,
        body: {
          recipient,
          legalBasis: 'warrant',
          reference: `${recipient} ref`,
          dataCategories: ['identity'],
          disclosedAt,
          barredFromNotice,
        },
      });
    const told = await disclose('Toldrecipient Court', false);
    expect((await disclose('Barredrecipient Police', true)).status).toBe(201);

    const { records } = (await spec.when('GET', '/accounts/me/export', { as: ada })).body.services.retention;
    expect(records).toEqual([
      expect.objectContaining({
        type: 'DisclosureRecorded',
        data: expect.objectContaining({ disclosureId: told.body.disclosureId, barredFromNotice: false }),
        personal: { recipient: 'Toldrecipient Court', reference: 'Toldrecipient Court ref' },
      }),
    ]);
    const forOfficer = await spec.when('GET', `/accounts/${ada.id}/export`, { as: officer });
    expect(JSON.stringify(forOfficer.body.services.retention)).not.toContain('Barredrecipient');
  });

  it('says erased, and when the erasure was asked for and due, once the account is closed for removal and its keys are gone', async () => {
    const bob = customer();
    expect((await spec.when('POST', '/accounts/me/closure', { as: bob, body: { removeNow: true } })).status).toBe(202);
    const closedAt = spec.platform.clock.now().toISOString();
    behave({ identity: 'erased', contacts: 'erased', 'payment-vault': 'erased' });
    const exported = await spec.when('GET', `/accounts/${bob.id}/export`, { as: staff('privacy-officer') });
    expect(exported).toMatchObject({
      status: 200,
      body: {
        erased: true,
        erasure: { requestedAt: closedAt, dueAt: closedAt },
        services: {
          retention: {
            // Closed for removal now: the erasure starts too, apart from the request (no other service confirms it here).
            records: expect.arrayContaining([
              expect.objectContaining({
                type: 'AccountClosed',
                data: expect.objectContaining({ accountId: bob.id, removeNow: true }),
                personal: null,
                withheld: ['erasureId'],
              }),
            ]),
          },
        },
      },
    });
    expect(JSON.stringify(exported.body)).not.toContain(CANARY);
    expect(exported.body.services.retention.records[0].data.erasureId).toBeUndefined();
    behave({ identity: 'erased', contacts: 'erased' });
    expect((await spec.when('GET', `/accounts/${bob.id}/export`, { as: staff('privacy-officer') })).body.erased).toBe(false);
  });

  it('is refused without a token, a step-up or the role, and for a malformed id, asking no service', async () => {
    const accountId = randomUUID();
    expect((await spec.when('GET', '/accounts/me/export')).status).toBe(401);
    expect(await spec.when('GET', '/accounts/me/export', { as: { ...customer(), steppedUp: false } })).toMatchObject({
      status: 403,
      body: { message: STEP_UP_REQUIRED },
    });
    for (const as of [staff('support'), staff('auditor'), customer()])
      expect((await spec.when('GET', `/accounts/${accountId}/export`, { as })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/export', { as: staff('privacy-officer') })).status).toBe(403);
    expect(await spec.when('GET', '/accounts/x/export', { as: staff('privacy-officer') })).toMatchObject({
      status: 400,
      body: { message: 'accountId must be an id (a UUID)' },
    });
    expect(calls()).toEqual([]);
  });

  it.each([
    [{ contacts: 'reset' }, 'contacts'],
    [{ 'payment-vault': 'failing' }, 'payment-vault'],
    [{ identity: 'foreign' }, 'identity'],
    [{ identity: 'late', 'payment-vault': 'reset' }, 'identity, payment-vault'],
  ] as const)('answers 503 naming the service when %j, never a document without its part', async (behaviours, named) => {
    behave(behaviours);
    const started = performance.now();
    const exported = await spec.when('GET', '/accounts/me/export', { as: customer() });
    expect(exported).toMatchObject({
      status: 503,
      body: { message: `the export is incomplete: ${named} did not answer; ask again later` },
    });
    expect(exported.body.services).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(TIMEOUT_SECONDS * 4000);
  });

  it("relays a service's refusal: identity's 404 for an account it does not know", async () => {
    behave({ identity: 'not-found' });
    expect(await spec.when('GET', `/accounts/${randomUUID()}/export`, { as: staff('privacy-officer') })).toMatchObject({
      status: 404,
      body: { message: 'identity: no such account' },
    });
  });
});
