import { EventTypeRegistry } from '@privacy-ledger/ledger';
import type { Platform } from '../platform';
import { KafkaRelay } from '@privacy-ledger/messaging';
import type { RuntimeConfig } from '../runtime-config';
import { KAFKA_RELAYS, serviceProviders, type ServiceDefinition } from './service-module';

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

  it('gives the service a Kafka relay for its own context and each it also publishes when KAFKA_BROKERS is set, none otherwise', () => {
    const relaysOf = (config: Partial<RuntimeConfig>, publishing: Partial<ServiceDefinition> = {}) => {
      const providers = serviceProviders(platformWith(config), { name: 'contacts', verifier, aggregates: [], ...publishing });
      return (providers.find((provider) => (provider as { provide?: unknown }).provide === KAFKA_RELAYS) as { useValue: unknown[] })
        .useValue;
    };
    const kafka = { brokers: ['127.0.0.1:9092'], topicPrefix: 'staging.' };
    expect(relaysOf({}, { alsoPublishes: ['platform'] })).toEqual([]);
    const [relay] = relaysOf({ kafka });
    expect(relay).toBeInstanceOf(KafkaRelay);
    expect(relay).toMatchObject({ name: 'kafka-relay-staging.privacy-ledger.contacts', topic: 'staging.privacy-ledger.contacts' });
    expect(relaysOf({ kafka }, { alsoPublishes: ['platform'] }).map((each) => (each as KafkaRelay).topic)).toEqual([
      'staging.privacy-ledger.contacts',
      'staging.privacy-ledger.platform',
    ]);
  });
});

function platformWith(config: Partial<RuntimeConfig>): Platform {
  return { config, eventTypes: new EventTypeRegistry(), keyringOf: () => ({}), claimsOf: () => ({}) } as unknown as Platform;
}
