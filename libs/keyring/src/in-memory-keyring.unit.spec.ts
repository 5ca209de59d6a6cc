import { InMemoryEventStore } from '@privacy-ledger/ledger';
import { InMemoryKeyring } from './in-memory-keyring';
import { keyringContract } from './keyring.contract';

describe('InMemoryKeyring', () => {
  keyringContract(async () => {
    const [keyring, events] = [new InMemoryKeyring('contacts', () => new Date(0)), new InMemoryEventStore()];
    return { keyring, otherService: 'identity', claims: keyring.claims(events), events, close: async () => undefined };
  });
});
