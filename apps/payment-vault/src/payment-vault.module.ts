import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { PersonalDataController, PersonalDataExporter } from '@privacy-ledger/platform';
import { cardRequestListProjection } from './card-requests/card-request-list.projection';
import { cardRequestsAggregate } from './card-requests/card-requests.decider';
import { CardRequestsController } from './card-requests/card-requests.controller';
import { ListCardRequestsHandler } from './card-requests/list-card-requests.handler';
import { OpenCardRequestHandler } from './card-requests/open-card-request.handler';
import { WithdrawCardRequestHandler } from './card-requests/withdraw-card-request.handler';
import { ApplyCardEditHandler } from './card-use/apply-card-edit.handler';
import { cardAccessLogProjection } from './card-use/card-access-log.projection';
import { cardUseRefusalsAggregate } from './card-use/card-use-refusals.decider';
import { CardUseController } from './card-use/card-use.controller';
import { ListCardAccessLogHandler } from './card-use/list-card-access-log.handler';
import { StaffCardUse } from './card-use/staff-card-use';
import { ChargeCardHandler } from './charges/charge-card.handler';
import { ChargesController } from './charges/charges.controller';
import { PAYMENT_PROCESSOR } from './charges/payment-processor.port';
import { TestPaymentProcessor } from './charges/test-payment-processor';
import { AddCardHandler } from './cards/add-card.handler';
import { CardErasureReactor } from './cards/card-erasure.reactor';
import { VaultMac } from './vault-mac';
import { cardListProjection } from './cards/card-list.projection';
import { CardWrites } from './cards/card-writes';
import { cardsAggregate } from './cards/cards.decider';
import { CardsController } from './cards/cards.controller';
import { ChangeCardHandler } from './cards/change-card.handler';
import { DeleteCardHandler } from './cards/delete-card.handler';
import { ListCardsHandler } from './cards/list-cards.handler';
import { GetPersonalDataHandler } from './personal-data/get-personal-data.handler';

const HANDLERS = [
  AddCardHandler,
  ChangeCardHandler,
  DeleteCardHandler,
  ListCardsHandler,
  OpenCardRequestHandler,
  WithdrawCardRequestHandler,
  ListCardRequestsHandler,
  ApplyCardEditHandler,
  ChargeCardHandler,
  ListCardAccessLogHandler,
  GetPersonalDataHandler,
];
const REACTORS = [CardErasureReactor];

@Module({})
export class PaymentVaultModule {
  /** Tokens are verified against identity's published keys, unless a specification brings its own. */
  static forPlatform(
    platform: Platform,
    mac: VaultMac,
    verifier: AccessTokenVerifier = JwksAccessTokenVerifier.remote(platform.config.identityUrl, platform.clock),
  ): DynamicModule {
    return {
      module: PaymentVaultModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        CardsController,
        CardRequestsController,
        CardUseController,
        ChargesController,
        PersonalDataController,
        HealthController,
      ],
      providers: [
        ...serviceProviders(platform, {
          name: 'payment-vault',
          verifier,
          aggregates: [cardsAggregate, cardRequestsAggregate, cardUseRefusalsAggregate],
        }),
        { provide: VaultMac, useValue: mac },
        CardWrites,
        StaffCardUse,
        PersonalDataExporter,
        // The built-in processor; a real one is an adapter of the same port.
        { provide: PAYMENT_PROCESSOR, useValue: new TestPaymentProcessor() },
        ...HANDLERS,
        ...REACTORS,
        backgroundRunners({ projections: [cardListProjection, cardRequestListProjection, cardAccessLogProjection], reactors: REACTORS }),
      ],
    };
  }
}
