import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwksAccessTokenVerifier, type AccessTokenVerifier } from '@privacy-ledger/auth';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { PersonalDataController, PersonalDataExporter } from '@privacy-ledger/platform';
import { accountClosureAggregate } from './closures/account-closure.decider';
import { CloseAccountHandler } from './closures/close-account.handler';
import { ClosuresController } from './closures/closures.controller';
import { ReactivateAccountHandler } from './closures/reactivate-account.handler';
import { erasureListProjection } from './erasures/erasure-list.projection';
import { ErasuresController } from './erasures/erasures.controller';
import { GetErasureHandler } from './erasures/get-erasure.handler';
import { legalHoldsAggregate } from './legal-holds/legal-holds.decider';
import { GetPersonalDataHandler } from './personal-data/get-personal-data.handler';
import { ExportAccountHandler } from './subject-export/export-account.handler';
import { ServiceParts } from './subject-export/service-parts';
import { SubjectExportController } from './subject-export/subject-export.controller';
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
      controllers: [ClosuresController, ErasuresController, SubjectExportController, PersonalDataController, HealthController],
      providers: [
        ...serviceProviders(platform, { name: 'retention', verifier, aggregates: [accountClosureAggregate, legalHoldsAggregate] }),
        { provide: RETENTION_PERIOD, useValue: retention },
        CloseAccountHandler,
        ReactivateAccountHandler,
        GetErasureHandler,
        GetPersonalDataHandler,
        ExportAccountHandler,
        ServiceParts,
        PersonalDataExporter,
        backgroundRunners({ projections: [erasureListProjection], reactors: [] }),
      ],
    };
  }
}
