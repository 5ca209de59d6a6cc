import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { accountClosureAggregate } from './closures/account-closure.decider';
import { CloseAccountHandler } from './closures/close-account.handler';
import { ClosuresController } from './closures/closures.controller';
import { ReactivateAccountHandler } from './closures/reactivate-account.handler';
import { disclosureListProjection } from './disclosures/disclosure-list.projection';
import { disclosureAggregate } from './disclosures/disclosures.decider';
import { DisclosuresController } from './disclosures/disclosures.controller';
import { ListDisclosuresHandler } from './disclosures/list-disclosures.handler';
import { RecordDisclosureHandler } from './disclosures/record-disclosure.handler';
import { erasureListProjection } from './erasures/erasure-list.projection';
import { ErasuresController } from './erasures/erasures.controller';
import { GetErasureHandler } from './erasures/get-erasure.handler';
import { legalHoldListProjection } from './legal-holds/legal-hold-list.projection';
import { legalHoldsAggregate } from './legal-holds/legal-holds.decider';
import { LegalHoldsController } from './legal-holds/legal-holds.controller';
import { LiftLegalHoldHandler } from './legal-holds/lift-legal-hold.handler';
import { ListLegalHoldsHandler } from './legal-holds/list-legal-holds.handler';
import { PlaceLegalHoldHandler } from './legal-holds/place-legal-hold.handler';
import { RETENTION_PERIOD, retentionPeriodOf, type RetentionPeriod } from './retention-period';

@Module({})
export class RetentionModule {
  /** Tokens are verified against identity's published keys, unless a specification brings its own. */
  static forPlatform(
    platform: Platform,
    verifier: AccessTokenVerifier = JwksAccessTokenVerifier.remote(platform.config.identityUrl, platform.clock),
    retention: RetentionPeriod = retentionPeriodOf(process.env),
  ): DynamicModule {
    return {
      module: RetentionModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ClosuresController, ErasuresController, LegalHoldsController, DisclosuresController, HealthController],
      providers: [
        ...serviceProviders(platform, {
          name: 'retention',
          verifier,
          aggregates: [accountClosureAggregate, legalHoldsAggregate, disclosureAggregate],
        }),
        { provide: RETENTION_PERIOD, useValue: retention },
        CloseAccountHandler,
        ReactivateAccountHandler,
        GetErasureHandler,
        PlaceLegalHoldHandler,
        LiftLegalHoldHandler,
        ListLegalHoldsHandler,
        RecordDisclosureHandler,
        ListDisclosuresHandler,
        backgroundRunners({ projections: [erasureListProjection, legalHoldListProjection, disclosureListProjection], reactors: [] }),
      ],
    };
  }
}
