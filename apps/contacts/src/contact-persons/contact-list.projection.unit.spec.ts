import type { RecordedEvent } from '@privacy-ledger/ledger';
import { projectionSpec } from '@privacy-ledger/testing';
import { contactListProjection } from './contact-list.projection';

const sealed = new Uint8Array([1, 2, 3]);
const sealedAgain = new Uint8Array([4, 5, 6]);
const recorded = (type: string, data: object, personal: Uint8Array | null = null) =>
  ({ type, data, personal, streamId: 'account-contacts-a1', eventId: `event-${type}` }) as unknown as RecordedEvent;
const stored = (sealed: string, type: string) => ({ sealed, streamId: 'account-contacts-a1', eventId: `event-${type}` });
const ids = { accountId: 'a1', contactId: 'c1' };
const added = recorded('ContactAdded', { ...ids, roles: ['owner'], primary: true, addedAt: 't' }, sealed);
const spec = projectionSpec(contactListProjection);

describe('contact list projection', () => {
  it('keeps a contact with its roles and its details only as the sealed part the event carried', () =>
    spec
      .given([added])
      .then({ c1: { ...ids, roles: ['owner'], primary: true, emailVerified: false, sealed: stored('AQID', 'ContactAdded') } }));

  it('marks a verified address, and unmarks it when the address changes', () => {
    const verified = recorded('ContactEmailVerified', { ...ids, verifiedAt: 't' });
    spec.given([added, verified]).then({ c1: expect.objectContaining({ emailVerified: true }) });
    const changed = recorded(
      'ContactChanged',
      { ...ids, roles: ['owner', 'billing'], fields: ['email', 'roles'], changedAt: 't' },
      sealedAgain,
    );
    spec.given([added, verified, changed]).then({
      c1: expect.objectContaining({ roles: ['owner', 'billing'], emailVerified: false, sealed: stored('BAUG', 'ContactChanged') }),
    });
  });

  it('deletes a removed contact, and ignores what is not about contacts', () => {
    spec.given([added, recorded('ContactRemoved', { ...ids, removedAt: 't' })]).then({});
    spec
      .given([
        recorded('AccountOpened', { accountId: 'a1' }, sealed),
        recorded('ContactChanged', { ...ids, roles: [], fields: [], changedAt: 't' }),
      ])
      .then({});
  });
});
