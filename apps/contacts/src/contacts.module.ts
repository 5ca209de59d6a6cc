import { Module, type DynamicModule } from '@nestjs/common';
import { JwksAccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { contactListProjection } from './contact-persons/contact-list.projection';
import { ContactErasureReactor } from './contact-persons/contact-erasure.reactor';
import { ContactsController } from './contact-persons/contacts.controller';
import { contactsAggregate } from './contact-persons/contacts.decider';
import { ContactsService } from './contact-persons/contacts.service';
import { EmailVerificationController } from './email-verification/email-verification.controller';
import { PrimaryContactReactor } from './primary-contact/primary-contact.reactor';

export const CONTACTS_AGGREGATES = [contactsAggregate] as const;

@Module({})
export class ContactsModule {
  /** Tokens are verified against identity's published keys: the one call between services. */
  static forPlatform(platform: Platform): DynamicModule {
    const verifier = JwksAccessTokenVerifier.remote(platform.config.identityUrl);
    return {
      module: ContactsModule,
      controllers: [ContactsController, EmailVerificationController, HealthController],
      providers: [
        ...serviceProviders(platform, { name: 'contacts', verifier, aggregates: CONTACTS_AGGREGATES }),
        ContactsService,
        PrimaryContactReactor,
        ContactErasureReactor,
        backgroundRunners({ projections: [contactListProjection], reactors: [PrimaryContactReactor, ContactErasureReactor] }),
      ],
    };
  }
}
