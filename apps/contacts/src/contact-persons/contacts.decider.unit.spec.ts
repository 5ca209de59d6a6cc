import { SHREDDED } from '@privacy-ledger/ledger';
import { deciderSpec } from '@privacy-ledger/testing';
import type { ContactDetails, ContactEvent, ContactRole } from './contacts.events';
import { contactsDecider } from './contacts.decider';

const spec = deciderSpec(contactsDecider);
const at = '2026-11-23T10:00:00.000Z';
const later = '2026-11-25T10:00:00.000Z';
const accountId = 'acc-1';
const verification = { tokenHash: 'hash-1', expiresAt: '2026-11-24T10:00:00.000Z' };
const newVerification = { tokenHash: 'hash-2', expiresAt: '2026-11-24T12:00:00.000Z' };
const ada: ContactDetails = { name: 'Ada', email: 'ada@example.test', phones: ['+31201234567'], fax: null };
const bob: ContactDetails = { name: 'Bob', email: 'bob@example.test', phones: [], fax: '+31201234568' };

const added = (contactId: string, details: ContactDetails, roles: ContactRole[], primary = false): ContactEvent => ({
  type: 'ContactAdded',
  data: { accountId, contactId, roles, primary, addedAt: at },
  personal: details,
});
const requested = (contactId: string, pending = verification): ContactEvent => ({
  type: 'ContactEmailVerificationRequested',
  data: { accountId, contactId, requestedAt: at, ...pending },
  personal: null,
});
const verified = (contactId: string): ContactEvent => ({
  type: 'ContactEmailVerified',
  data: { accountId, contactId, verifiedAt: at },
  personal: null,
});
const removed = (contactId: string): ContactEvent => ({
  type: 'ContactRemoved',
  data: { accountId, contactId, removedAt: at },
  personal: null,
});
const ALL: ContactRole[] = ['owner', 'billing', 'technical'];

/** Signup done: Ada is the primary contact with every role and a verified e-mail. */
const reachable = [added('ada', ada, ALL, true), requested('ada'), verified('ada')];

describe('contacts decider', () => {
  describe('the primary contact, from signup', () => {
    it('gets every role and a verification request', () => {
      spec
        .given([])
        .when({ type: 'CreatePrimaryContact', accountId, contactId: 'ada', details: ada, verification, at })
        .then([added('ada', ada, ALL, true), requested('ada')]);
    });

    it('is created once, however often the signup event is seen', () => {
      spec
        .given([added('ada', ada, ALL, true)])
        .when({ type: 'CreatePrimaryContact', accountId, contactId: 'ada2', details: ada, verification, at })
        .then([]);
    });
  });

  describe('adding and changing contacts', () => {
    it('adds a contact with its roles and asks it to verify its e-mail', () => {
      spec
        .given(reachable)
        .when({ type: 'AddContact', accountId, contactId: 'bob', details: bob, roles: ['billing'], verification, at })
        .then([added('bob', bob, ['billing']), requested('bob')]);
    });

    it('records the whole new details, and asks again for verification when the e-mail changes', () => {
      spec
        .given([...reachable, added('bob', bob, ['billing'])])
        .when({
          type: 'ChangeContact',
          contactId: 'bob',
          changes: { email: 'robert@example.test', roles: ['billing', 'technical'] },
          verification: newVerification,
          at,
        })
        .then([
          {
            type: 'ContactChanged',
            data: { accountId, contactId: 'bob', roles: ['billing', 'technical'], fields: ['email', 'roles'], changedAt: at },
            personal: { ...bob, email: 'robert@example.test' },
          },
          requested('bob', newVerification),
        ]);
    });

    it('records nothing when nothing changes', () => {
      spec
        .given(reachable)
        .when({
          type: 'ChangeContact',
          contactId: 'ada',
          changes: { name: 'Ada', roles: ['technical', 'owner', 'billing'] },
          verification,
          at,
        })
        .then([]);
    });

    it('refuses to change a contact that does not exist, or whose data was erased', () => {
      spec
        .given(reachable)
        .when({ type: 'ChangeContact', contactId: 'nobody', changes: { name: 'X' }, verification, at })
        .thenRefuses('not_found');
      spec
        .given([
          { type: 'ContactAdded', data: { accountId, contactId: 'ada', roles: ALL, primary: true, addedAt: at }, personal: SHREDDED },
        ])
        .when({ type: 'ChangeContact', contactId: 'ada', changes: { name: 'X' }, verification, at })
        .thenRefuses('conflict', /erased/);
    });
  });

  describe('P5: an account never loses its working contact', () => {
    it('refuses to remove the only contact with every role and a verified e-mail', () => {
      spec
        .given([...reachable, added('bob', bob, ALL)])
        .when({ type: 'RemoveContact', contactId: 'ada', at })
        .thenRefuses('conflict', /verified e-mail/);
    });

    it('refuses to take a role from it, or to change its e-mail', () => {
      spec
        .given(reachable)
        .when({ type: 'ChangeContact', contactId: 'ada', changes: { roles: ['owner', 'billing'] }, verification, at })
        .thenRefuses('conflict', /all roles/);
      spec
        .given(reachable)
        .when({ type: 'ChangeContact', contactId: 'ada', changes: { email: 'new@example.test' }, verification, at })
        .thenRefuses('conflict');
    });

    it('lets it go once another contact with every role has verified its e-mail', () => {
      spec
        .given([...reachable, added('bob', bob, ALL), requested('bob'), verified('bob')])
        .when({ type: 'RemoveContact', contactId: 'ada', at })
        .then([removed('ada')]);
    });

    it('before any e-mail is verified, still keeps a contact with every role, and lets its e-mail be corrected', () => {
      const unverified = [added('ada', ada, ALL, true), requested('ada')];
      spec
        .given(unverified)
        .when({ type: 'RemoveContact', contactId: 'ada', at })
        .thenRefuses('conflict', /holds all roles/);
      spec
        .given(unverified)
        .when({ type: 'ChangeContact', contactId: 'ada', changes: { email: 'ada@example.org' }, verification: newVerification, at })
        .then([
          {
            type: 'ContactChanged',
            data: { accountId, contactId: 'ada', roles: ALL, fields: ['email'], changedAt: at },
            personal: { ...ada, email: 'ada@example.org' },
          },
          requested('ada', newVerification),
        ]);
    });

    it('lets other contacts be removed freely', () => {
      spec
        .given([...reachable, added('bob', bob, ['billing'])])
        .when({ type: 'RemoveContact', contactId: 'bob', at })
        .then([removed('bob')]);
    });
  });

  describe('verifying an e-mail', () => {
    it('verifies with the token of the latest request, before it expires', () => {
      spec
        .given([added('ada', ada, ALL, true), requested('ada')])
        .when({ type: 'VerifyEmail', contactId: 'ada', tokenHash: 'hash-1', at })
        .then([verified('ada')]);
    });

    it('refuses a used, replaced, wrong or expired token', () => {
      spec
        .given(reachable)
        .when({ type: 'VerifyEmail', contactId: 'ada', tokenHash: 'hash-1', at })
        .thenRefuses('invalid', /not valid/);
      spec
        .given([added('ada', ada, ALL, true), requested('ada'), requested('ada', newVerification)])
        .when({ type: 'VerifyEmail', contactId: 'ada', tokenHash: 'hash-1', at })
        .thenRefuses('invalid');
      spec
        .given([added('ada', ada, ALL, true), requested('ada')])
        .when({ type: 'VerifyEmail', contactId: 'ada', tokenHash: 'guess', at })
        .thenRefuses('invalid');
      spec
        .given([added('ada', ada, ALL, true), requested('ada')])
        .when({ type: 'VerifyEmail', contactId: 'ada', tokenHash: 'hash-1', at: later })
        .thenRefuses('invalid', /expired/);
    });

    it('refuses a token issued for an e-mail address that has since changed', () => {
      const changed: ContactEvent = {
        type: 'ContactChanged',
        data: { accountId, contactId: 'bob', roles: ['billing'], fields: ['email'], changedAt: at },
        personal: { ...bob, email: 'other@example.test' },
      };
      spec
        .given([...reachable, added('bob', bob, ['billing']), requested('bob'), changed])
        .when({ type: 'VerifyEmail', contactId: 'bob', tokenHash: 'hash-1', at })
        .thenRefuses('invalid');
    });

    it('sends a new link only while the address is unverified', () => {
      spec
        .given(reachable)
        .when({ type: 'RequestEmailVerification', contactId: 'ada', verification, at })
        .thenRefuses('conflict', /already verified/);
    });
  });
});
