import { primaryContactId } from '@privacy-ledger/contracts';
import { SHREDDED } from '@privacy-ledger/ledger';
import { deciderSpec } from '@privacy-ledger/testing';
import { accountDecider } from './account.decider';
import type { AccountOpened, PrimaryContactSubmitted } from './account.events';

const at = '2026-11-22T10:00:00.000Z';
const secrets = {
  username: 'ada',
  passwordHash: 'scrypt$x',
  name: 'Ada',
  email: 'ada@example.test',
  address: { street: '1 Main St', city: 'Town', postalCode: '1000', country: 'NL' },
  phone: '+31201234567',
};
const opened: AccountOpened = { type: 'AccountOpened', data: { accountId: 'a1', kind: 'individual', openedAt: at }, personal: secrets };
const spec = deciderSpec(accountDecider);

describe('account decider', () => {
  it('opens an individual account with address and phone, and hands its contact person, and nothing else, over to contacts', () => {
    const submitted: PrimaryContactSubmitted = {
      type: 'PrimaryContactSubmitted',
      data: { accountId: 'a1', contactId: primaryContactId('a1'), submittedAt: at },
      personal: { name: 'Ada', email: 'ada@example.test', phone: '+31201234567' },
    };
    spec.given([]).when({ type: 'OpenAccount', accountId: 'a1', kind: 'individual', secrets, at }).then([opened, submitted]);
  });

  it('refuses an individual account without address and phone, naming both', () => {
    const { address: _address, phone: _phone, ...withoutBoth } = secrets;
    spec
      .given([])
      .when({ type: 'OpenAccount', accountId: 'a1', kind: 'individual', secrets: withoutBoth, at })
      .thenRefuses('invalid', /address is required.*phone is required/);
  });

  it('requires a company name for a company, and no private address', () => {
    spec
      .given([])
      .when({ type: 'OpenAccount', accountId: 'a1', kind: 'company', secrets, at })
      .thenRefuses('invalid', /companyName is required.*address does not apply.*phone does not apply/);
  });

  it('refuses to open an account twice', () => {
    spec.given([opened]).when({ type: 'OpenAccount', accountId: 'a1', kind: 'individual', secrets, at }).thenRefuses('conflict');
  });

  it('records only the fields that changed', () => {
    spec
      .given([opened])
      .when({ type: 'ChangeAccountDetails', changes: { name: 'Ada', email: 'new@example.test' }, at })
      .then([
        {
          type: 'AccountDetailsChanged',
          data: { accountId: 'a1', fields: ['email'], changedAt: at },
          personal: { email: 'new@example.test' },
        },
      ]);
  });

  it('records nothing when nothing changed', () => {
    spec
      .given([opened])
      .when({ type: 'ChangeAccountDetails', changes: { name: 'Ada' }, at })
      .then([]);
  });

  it('refuses to change an account that does not exist, or whose data was erased', () => {
    spec
      .given([])
      .when({ type: 'ChangeAccountDetails', changes: { name: 'X' }, at })
      .thenRefuses('not_found');
    spec
      .given([{ ...opened, personal: SHREDDED }])
      .when({ type: 'ChangeAccountDetails', changes: { name: 'X' }, at })
      .thenRefuses('conflict');
  });

  it('records billing details, sealed like the rest', () => {
    const billing = { name: 'Ada Inc', address: secrets.address, vatId: 'NL123456789B01' };
    spec
      .given([opened])
      .when({ type: 'ChangeBillingDetails', details: billing, at })
      .then([{ type: 'BillingDetailsChanged', data: { accountId: 'a1', changedAt: at }, personal: billing }]);
  });

  it('changes the password hash once per reset, and refuses both for an erased or unknown account', () => {
    const change = { type: 'ChangePassword' as const, passwordHash: 'scrypt$new', resetId: 'r1', at };
    const changed = {
      type: 'AccountPasswordChanged' as const,
      data: { accountId: 'a1', changedAt: at, reason: 'reset' as const, resetId: 'r1' },
      personal: { passwordHash: 'scrypt$new' },
    };
    spec.given([opened]).when(change).then([changed]);
    spec.given([opened, changed]).when(change).then([]);
    spec
      .given([{ ...opened, personal: SHREDDED }])
      .when(change)
      .thenRefuses('conflict', /erased/);
    spec
      .given([])
      .when({ type: 'ChangeBillingDetails', details: { name: 'X', address: secrets.address }, at })
      .thenRefuses('not_found');
  });
});
