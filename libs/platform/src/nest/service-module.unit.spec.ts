import { EventTypeRegistry } from '@privacy-ledger/ledger';
import type { Platform } from '../platform';
import { KafkaRelay } from '@privacy-ledger/messaging';
import type { RuntimeConfig } from '../runtime-config';
import { KAFKA_RELAY, serviceProviders } from './service-module';

const verifier = { verify: async () => null };

describe('serviceProviders', () => {
  it('refuses to start a service whose aggregate appends an event type another aggregate already appends', () => {
    const platform = platformWith({});
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

  it('gives the service a Kafka relay for its own context when KAFKA_BROKERS is set, and none otherwise', () => {
    const relayOf = (config: Partial<RuntimeConfig>) => {
      const providers = serviceProviders(platformWith(config), { name: 'contacts', verifier, aggregates: [] });
      return (providers.find((provider) => (provider as { provide?: unknown }).provide === KAFKA_RELAY) as { useValue: unknown }).useValue;
    };
    expect(relayOf({})).toBeNull();
    const relay = relayOf({ kafka: { brokers: ['127.0.0.1:9092'], topicPrefix: 'staging.' } });
    expect(relay).toBeInstanceOf(KafkaRelay);
    expect(relay).toMatchObject({ name: 'kafka-relay-staging.privacy-ledger.contacts', topic: 'staging.privacy-ledger.contacts' });
  });
});

function platformWith(config: Partial<RuntimeConfig>): Platform {
  return { config, eventTypes: new EventTypeRegistry(), keyringOf: () => ({}), claimsOf: () => ({}) } as unknown as Platform;
}
