import { randomUUID } from 'node:crypto';
import { httpEdgeSpec, ServiceSpec } from '@privacy-ledger/runtime';
import { ContactsModule } from './contacts.module';

httpEdgeSpec('contacts', () => ServiceSpec.start('contacts', (platform, { verifier }) => ContactsModule.forPlatform(platform, verifier)), {
  protectedGet: '/accounts/me/contacts',
  jsonPost: { path: '/accounts/me/contacts', as: { id: randomUUID(), kind: 'customer' } },
});
