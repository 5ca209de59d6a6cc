import { Module, type DynamicModule } from '@nestjs/common';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { accountAggregate } from './accounts/account.decider';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ConsentsController } from './consents/consents.controller';
import { consentsAggregate } from './consents/consents.decider';
import { ConsentsService } from './consents/consents.service';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { passwordResetAggregate } from './password-reset/password-reset.decider';
import { PasswordResetReactor } from './password-reset/password-reset.reactor';
import { PasswordResetService } from './password-reset/password-reset.service';
import { PolicyVersionsController } from './policy-versions/policy-versions.controller';
import { policyVersionsAggregate } from './policy-versions/policy-versions.decider';
import { PolicyVersionsService } from './policy-versions/policy-versions.service';
import { Credentials } from './sessions/credentials';
import { sessionHistoryProjection } from './sessions/session-history.projection';
import { SessionRevocationListReactor } from './sessions/session-revocation-list.reactor';
import { sessionRevocationsAggregate } from './sessions/session-revocations.decider';
import { sessionAggregate } from './sessions/session.decider';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { UsernameRegistry } from './sessions/username-registry';
import { StaffController } from './staff/staff.controller';
import { staffAggregate } from './staff/staff.decider';
import { StaffService } from './staff/staff.service';
import { JwksController } from './tokens/jwks.controller';
import { TokenSigner } from './tokens/token-signer';

export const IDENTITY_AGGREGATES = [
  accountAggregate,
  staffAggregate,
  sessionAggregate,
  sessionRevocationsAggregate,
  passwordResetAggregate,
  consentsAggregate,
  policyVersionsAggregate,
] as const;

@Module({})
export class IdentityModule {
  static forPlatform(platform: Platform, signer: TokenSigner): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [
        AccountsController,
        SessionsController,
        StaffController,
        PasswordResetController,
        ConsentsController,
        PolicyVersionsController,
        JwksController,
        HealthController,
      ],
      providers: [
        ...serviceProviders(platform, { name: 'identity', verifier: signer.localVerifier(), aggregates: IDENTITY_AGGREGATES }),
        { provide: TokenSigner, useValue: signer },
        backgroundRunners({ projections: [sessionHistoryProjection], reactors: [PasswordResetReactor, SessionRevocationListReactor] }),
        PasswordResetReactor,
        SessionRevocationListReactor,
        AccountsService,
        StaffService,
        Credentials,
        UsernameRegistry,
        SessionsService,
        PasswordResetService,
        PolicyVersionsService,
        ConsentsService,
      ],
    };
  }
}
