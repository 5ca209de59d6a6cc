import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { cardRequestListProjection } from './card-requests/card-request-list.projection';
import { cardRequestsAggregate } from './card-requests/card-requests.decider';
import { CardRequestsController } from './card-requests/card-requests.controller';
import { ListCardRequestsHandler } from './card-requests/list-card-requests.handler';
import { OpenCardRequestHandler } from './card-requests/open-card-request.handler';
import { WithdrawCardRequestHandler } from './card-requests/withdraw-card-request.handler';
import { AddCardHandler } from './cards/add-card.handler';
import { CardErasureReactor } from './cards/card-erasure.reactor';
import { cardListProjection } from './cards/card-list.projection';
import { CardWrites } from './cards/card-writes';
import { cardsAggregate } from './cards/cards.decider';
import { CardsController } from './cards/cards.controller';
import { ChangeCardHandler } from './cards/change-card.handler';
import { DeleteCardHandler } from './cards/delete-card.handler';
import { ListCardsHandler } from './cards/list-cards.handler';

const HANDLERS = [
  AddCardHandler,
  ChangeCardHandler,
  DeleteCardHandler,
  ListCardsHandler,
  OpenCardRequestHandler,
  WithdrawCardRequestHandler,
  ListCardRequestsHandler,
];
const REACTORS = [CardErasureReactor];

@Module({})
export class PaymentVaultModule {
  /** Tokens are verified against identity's published keys, unless a specification brings its own. */
  static forPlatform(
    platform: Platform,
    verifier: AccessTokenVerifier = JwksAccessTokenVerifier.remote(platform.config.identityUrl, platform.clock),
  ): DynamicModule {
    return {
      module: PaymentVaultModule,
      imports: [CqrsModule.forRoot()],
      controllers: [CardsController, CardRequestsController, HealthController],
      providers: [
        ...serviceProviders(platform, { name: 'payment-vault', verifier, aggregates: [cardsAggregate, cardRequestsAggregate] }),
        CardWrites,
        ...HANDLERS,
        ...REACTORS,
        backgroundRunners({ projections: [cardListProjection, cardRequestListProjection], reactors: REACTORS }),
      ],
    };
  }
}
