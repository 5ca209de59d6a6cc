import { randomUUID } from 'node:crypto';
import { ACCOUNT_ERASURE_CONFIRMED, erasureConfirmationStream, type ErasureParticipant } from '@privacy-ledger/contracts';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually } from '@privacy-ledger/testing';
import { startRetentionSpec } from '../retention.spec-service';

const STALLED_AFTER_MS = 10 * 60_000;

/**
 * Retention runs alone here, so an erasure's other participants never confirm: the erasure stalls, as it does
 * when a service is down, until the specification gives their confirmations.
 */
describe('a stalled erasure, specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  const errorLines: string[] = [];
  beforeAll(async () => {
    spec = await startRetentionSpec({ schedule: { intervalMs: 60_000, stalledAfterMs: STALLED_AFTER_MS } });
    jest.spyOn(process.stderr, 'write').mockImplementation((line) => errorLines.push(String(line)) > 0);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await spec.close();
  });

  const erasing = (erasureId: string) =>
    eventually(
      () => spec.when('GET', `/erasures/${erasureId}`),
      (shown) => shown.body.state === 'erasing',
    );

  it('turns /health degraded and logs once, naming what it waits for, never the erasure id; and recovers when it completes', async () => {
    const customer = { id: randomUUID(), kind: 'customer' as const, steppedUp: true };
    const closed = await spec.when('POST', '/accounts/me/closure', { as: customer, body: { removeNow: true } });
    await erasing(closed.body.erasureId);
    expect(await spec.when('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', erasures: { stalled: [] } } });

    spec.platform.clock.advance(STALLED_AFTER_MS + 1000);
    const [health, again] = [await spec.when('GET', '/health'), await spec.when('GET', '/health')];
    const startedEvent = (await spec.platform.events.readAll({ maxCount: 10_000 })).find((event) => event.type === 'ErasureStarted')!;
    const waitingFor = ['identity', 'contacts', 'payment-vault'].map((service) => ({ service, waitingFor: 'confirmation' }));
    expect(health).toMatchObject({
      status: 503,
      body: { status: 'degraded', erasures: { stalled: [{ startedEventId: startedEvent.eventId, waitingFor }] } },
    });
    expect(again.body).toEqual(health.body);
    expect(JSON.stringify(health.body)).not.toContain(closed.body.erasureId);
    expect(JSON.stringify(health.body)).not.toContain(customer.id);
    const logged = errorLines.filter((line) => line.includes('an erasure is stalled'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]).message).toMatchObject({ accountId: customer.id, startedEventId: startedEvent.eventId, waitingFor });
    expect(logged[0]).not.toContain(closed.body.erasureId);

    await spec.given(
      ...(['identity', 'contacts', 'payment-vault'] as ErasureParticipant[]).map((service) => ({
        stream: erasureConfirmationStream(service, customer.id),
        type: ACCOUNT_ERASURE_CONFIRMED,
        data: {
          accountId: customer.id,
          erasureId: closed.body.erasureId,
          service,
          destroyedKeys: [],
          removed: [],
          position: startedEvent.position,
          confirmedAt: spec.platform.clock.now().toISOString(),
        },
      })),
    );
    await eventually(
      () => spec.when('GET', `/erasures/${closed.body.erasureId}`),
      (shown) => shown.body.state === 'completed',
    );
    expect(await spec.when('GET', '/health')).toMatchObject({ status: 200, body: { erasures: { stalled: [] } } });
  });
});
