import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { PersonalDataController, PersonalDataExporter } from '@privacy-ledger/platform';
import { AddContactHandler } from './contact-persons/add-contact.handler';
import { ChangeContactHandler } from './contact-persons/change-contact.handler';
import { ContactErasureReactor } from './contact-persons/contact-erasure.reactor';
import { contactListProjection } from './contact-persons/contact-list.projection';
import { ContactWrites } from './contact-persons/contact-writes';
import { ContactsController } from './contact-persons/contacts.controller';
import { contactsAggregate } from './contact-persons/contacts.decider';
import { ListContactsHandler } from './contact-persons/list-contacts.handler';
import { RemoveContactHandler } from './contact-persons/remove-contact.handler';
import { RequestEmailVerificationHandler } from './contact-persons/request-email-verification.handler';
import { EmailVerificationController } from './email-verification/email-verification.controller';
import { VerifyEmailHandler } from './email-verification/verify-email.handler';
import { GetPersonalDataHandler } from './personal-data/get-personal-data.handler';
import { PrimaryContactReactor } from './primary-contact/primary-contact.reactor';

export const CONTACTS_AGGREGATES = [contactsAggregate] as const;

const HANDLERS = [
  AddContactHandler,
  ChangeContactHandler,
  RemoveContactHandler,
  RequestEmailVerificationHandler,
  VerifyEmailHandler,
  ListContactsHandler,
  GetPersonalDataHandler,
];
const REACTORS = [PrimaryContactReactor, ContactErasureReactor];

@Module({})
export class ContactsModule {
  /** Tokens are verified against identity's published keys (the one call between services), unless a specification brings its own. */
  static forPlatform(
    platform: Platform,
    verifier: AccessTokenVerifier = JwksAccessTokenVerifier.remote(platform.config.identityUrl, platform.clock),
  ): DynamicModule {
    return {
      module: ContactsModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ContactsController, EmailVerificationController, PersonalDataController, HealthController],
      providers: [
        ...serviceProviders(platform, { name: 'contacts', verifier, aggregates: CONTACTS_AGGREGATES }),
        ContactWrites,
        PersonalDataExporter,
        ...HANDLERS,
        ...REACTORS,
        backgroundRunners({ projections: [contactListProjection], reactors: REACTORS }),
      ],
    };
  }
}
