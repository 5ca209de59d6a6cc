import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type Platform } from '@privacy-ledger/platform';
import { ContactsModule } from './contacts.module';

export function createContactsApp(platform: Platform): Promise<INestApplication> {
  return createServiceApp('contacts', ContactsModule.forPlatform(platform), platform.config);
}
