import { EventTypeRegistry } from '@privacy-ledger/ledger';
import type { Platform } from '../platform';
import { serviceProviders } from './service-module';

const verifier = { verify: async () => null };

describe('serviceProviders', () => {
  it('refuses to start a service whose aggregate appends an event type another aggregate already appends', () => {
    const platform = { eventTypes: new EventTypeRegistry(), keyringOf: () => ({}) } as unknown as Platform;
    serviceProviders(platform, {
      name: 'identity',
      verifier,
      aggregates: [{ name: 'account', eventTypes: ['AccountOpened', 'PasswordChanged'] }],
    });
    expect(() =>
      serviceProviders(platform, { name: 'identity', verifier, aggregates: [{ name: 'staff-member', eventTypes: ['PasswordChanged'] }] }),
    ).toThrow(
      'event type PasswordChanged is appended by both identity/account and identity/staff-member: every event type name must be unique',
    );
  });
});
