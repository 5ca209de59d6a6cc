import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import {
  backgroundRunners,
  HEALTH_INDICATORS,
  HealthController,
  PersonalDataController,
  PersonalDataExporter,
  serviceProviders,
  type Ed25519Key,
  type Platform,
} from '@privacy-ledger/platform';
import { accountClosureAggregate } from './closures/account-closure.decider';
import { CloseAccountHandler } from './closures/close-account.handler';
import { ClosureFenceReactor } from './closures/closure-fence.reactor';
import { ClosuresController } from './closures/closures.controller';
import { ReactivateAccountHandler } from './closures/reactivate-account.handler';
import { disclosureListProjection } from './disclosures/disclosure-list.projection';
import { disclosureAggregate } from './disclosures/disclosures.decider';
import { DisclosuresController } from './disclosures/disclosures.controller';
import { ListDisclosuresHandler } from './disclosures/list-disclosures.handler';
import { RecordDisclosureHandler } from './disclosures/record-disclosure.handler';
import { AccountErasuresController } from './erasures/account-erasures.controller';
import { DueErasuresSchedule, ERASURE_SCHEDULE, type ErasureSchedule } from './erasures/due-erasures.schedule';
import { ErasureCertificates } from './erasures/erasure-certificate';
import { ErasureCompletionReactor } from './erasures/erasure-completion.reactor';
import { erasureListProjection } from './erasures/erasure-list.projection';
import { ErasureProgress } from './erasures/erasure-progress';
import { ErasureStarter } from './erasures/erasure-starter';
import { ErasureTriggerReactor } from './erasures/erasure-trigger.reactor';
import { ErasuresController } from './erasures/erasures.controller';
import { GetErasureHandler } from './erasures/get-erasure.handler';
import { ListAccountErasuresHandler } from './erasures/list-account-erasures.handler';
import { RetentionJwksController } from './erasures/jwks.controller';
import { StalledErasuresWatch } from './erasures/stalled-erasures.watch';
import { legalHoldListProjection } from './legal-holds/legal-hold-list.projection';
import { legalHoldsAggregate } from './legal-holds/legal-holds.decider';
import { LegalHoldsController } from './legal-holds/legal-holds.controller';
import { LiftLegalHoldHandler } from './legal-holds/lift-legal-hold.handler';
import { ListLegalHoldsHandler } from './legal-holds/list-legal-holds.handler';
import { PlaceLegalHoldHandler } from './legal-holds/place-legal-hold.handler';
import { GetPersonalDataHandler } from './personal-data/get-personal-data.handler';
import { ExportAccountHandler } from './subject-export/export-account.handler';
import { ServiceParts } from './subject-export/service-parts';
import { SubjectExportController } from './subject-export/subject-export.controller';
import { RETENTION_PERIOD, type RetentionPeriod } from './retention-period';

export interface RetentionOptions {
  /** Signs erasure certificates (RETENTION_SIGNING_KEY). */
  readonly signingKey: Ed25519Key;
  readonly period: RetentionPeriod;
  readonly schedule: ErasureSchedule;
  /** How access tokens are checked: identity's published keys, unless a specification brings its own. */
  readonly verifier?: AccessTokenVerifier;
}

@Module({})
export class RetentionModule {
  static forPlatform(platform: Platform, options: RetentionOptions): DynamicModule {
    const verifier = options.verifier ?? JwksAccessTokenVerifier.remote(platform.config.identityUrl, platform.clock);
    return {
      module: RetentionModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        ClosuresController,
        ErasuresController,
        AccountErasuresController,
        LegalHoldsController,
        DisclosuresController,
        RetentionJwksController,
        SubjectExportController,
        PersonalDataController,
        HealthController,
      ],
      providers: [
        ...serviceProviders(platform, {
          name: 'retention',
          verifier,
          aggregates: [accountClosureAggregate, legalHoldsAggregate, disclosureAggregate],
          alsoPublishes: ['platform'],
        }),
        { provide: RETENTION_PERIOD, useValue: options.period },
        { provide: ERASURE_SCHEDULE, useValue: options.schedule },
        { provide: ErasureCertificates, useValue: new ErasureCertificates(options.signingKey) },
        CloseAccountHandler,
        ReactivateAccountHandler,
        GetErasureHandler,
        ListAccountErasuresHandler,
        PlaceLegalHoldHandler,
        LiftLegalHoldHandler,
        ListLegalHoldsHandler,
        RecordDisclosureHandler,
        ListDisclosuresHandler,
        GetPersonalDataHandler,
        ExportAccountHandler,
        ServiceParts,
        PersonalDataExporter,
        ErasureStarter,
        ClosureFenceReactor,
        DueErasuresSchedule,
        ErasureProgress,
        StalledErasuresWatch,
        { provide: HEALTH_INDICATORS, useFactory: (watch: StalledErasuresWatch) => [watch], inject: [StalledErasuresWatch] },
        ErasureTriggerReactor,
        ErasureCompletionReactor,
        backgroundRunners({
          projections: [erasureListProjection, legalHoldListProjection, disclosureListProjection],
          reactors: [ClosureFenceReactor, ErasureTriggerReactor, ErasureCompletionReactor],
        }),
      ],
    };
  }
}
