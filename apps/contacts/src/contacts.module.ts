import { Module, type DynamicModule } from '@nestjs/common';
import { JwksAccessTokenVerifier } from '@privacy-ledger/auth';
import { BackgroundRunners, HealthController, PLATFORM, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { contactListProjection } from './contact-persons/contact-list.projection';
import { ContactErasureReactor } from './contact-persons/contact-erasure.reactor';
import { ContactsController } from './contact-persons/contacts.controller';
import { ContactsRepository } from './contact-persons/contacts.repository';
import { ContactsService } from './contact-persons/contacts.service';
import { EmailVerificationController } from './email-verification/email-verification.controller';
import { PrimaryContactReactor } from './primary-contact/primary-contact.reactor';

@Module({})
export class ContactsModule {
  /** Tokens are verified against identity's published keys: the one call between services. */
  static forPlatform(platform: Platform): DynamicModule {
    return {
      module: ContactsModule,
      controllers: [ContactsController, EmailVerificationController, HealthController],
      providers: [
        ...serviceProviders(platform, 'contacts', JwksAccessTokenVerifier.remote(platform.config.identityUrl)),
        ContactsRepository,
        ContactsService,
        PrimaryContactReactor,
        ContactErasureReactor,
        {
          provide: BackgroundRunners,
          useFactory: (p: Platform, primary: PrimaryContactReactor, erasure: ContactErasureReactor) =>
            new BackgroundRunners(p, [contactListProjection, primary, erasure], 'contacts'),
          inject: [PLATFORM, PrimaryContactReactor, ContactErasureReactor],
        },
      ],
    };
  }
}
