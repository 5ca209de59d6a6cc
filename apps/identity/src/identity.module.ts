import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { backgroundRunners, HealthController, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { PersonalDataController, PersonalDataExporter } from '@privacy-ledger/platform';
import { accountAggregate } from './accounts/account.decider';
import { AccountsController } from './accounts/accounts.controller';
import { ChangeAccountDetailsHandler } from './accounts/change-account-details.handler';
import { ChangeBillingDetailsHandler } from './accounts/change-billing-details.handler';
import { GetAccountHandler } from './accounts/get-account.handler';
import { GetBillingDetailsHandler } from './accounts/get-billing-details.handler';
import { OpenAccountHandler } from './accounts/open-account.handler';
import { ConsentsController } from './consents/consents.controller';
import { consentsAggregate } from './consents/consents.decider';
import { GetConsentsHandler } from './consents/get-consents.handler';
import { SetConsentHandler } from './consents/set-consent.handler';
import { CompletePasswordResetHandler } from './password-reset/complete-password-reset.handler';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { passwordResetAggregate } from './password-reset/password-reset.decider';
import { PasswordResetReactor } from './password-reset/password-reset.reactor';
import { GetPersonalDataHandler } from './personal-data/get-personal-data.handler';
import { RequestPasswordResetHandler } from './password-reset/request-password-reset.handler';
import { PolicyVersionsController } from './policy-versions/policy-versions.controller';
import { policyVersionsAggregate } from './policy-versions/policy-versions.decider';
import { GetPolicyInForceHandler, ListPolicyVersionsHandler } from './policy-versions/policy-versions.handlers';
import { PublishPolicyVersionHandler } from './policy-versions/publish-policy-version.handler';
import { Credentials } from './sessions/credentials';
import { ListMySessionsHandler } from './sessions/list-my-sessions.handler';
import { ExpiredThrottleCounts } from './sessions/expired-throttle-counts';
import { LoginThrottleTrace } from './sessions/login-throttle.trace';
import { sessionHistoryProjection } from './sessions/session-history.projection';
import { SessionRevocationListReactor } from './sessions/session-revocation-list.reactor';
import { ThrottleEpochReactor } from './sessions/throttle-epoch.reactor';
import { UnboundClaimsBinder } from './sessions/unbound-claims-binder';
import { sessionRevocationsAggregate } from './sessions/session-revocations.decider';
import { sessionAggregate } from './sessions/session.decider';
import { SessionsController } from './sessions/sessions.controller';
import { StartSessionHandler } from './sessions/start-session.handler';
import { StepUpSessionHandler } from './sessions/step-up-session.handler';
import { ThrottledAttempts } from './sessions/throttled-attempts';
import { VerifySecondFactorHandler } from './sessions/verify-second-factor.handler';
import { UsernameRegistry } from './sessions/username-registry';
import { ConfirmTotpEnrolmentHandler } from './staff/confirm-totp-enrolment.handler';
import { RegisterStaffMemberHandler } from './staff/register-staff-member.handler';
import { StaffController } from './staff/staff.controller';
import { staffAggregate } from './staff/staff.decider';
import { StartTotpEnrolmentHandler } from './staff/start-totp-enrolment.handler';
import { TotpEnrolmentController } from './staff/totp-enrolment.controller';
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

const COMMAND_HANDLERS = [
  OpenAccountHandler,
  ChangeAccountDetailsHandler,
  ChangeBillingDetailsHandler,
  RegisterStaffMemberHandler,
  StartSessionHandler,
  StepUpSessionHandler,
  StartTotpEnrolmentHandler,
  ConfirmTotpEnrolmentHandler,
  VerifySecondFactorHandler,
  RequestPasswordResetHandler,
  CompletePasswordResetHandler,
  SetConsentHandler,
  PublishPolicyVersionHandler,
];
const QUERY_HANDLERS = [
  GetAccountHandler,
  GetBillingDetailsHandler,
  ListMySessionsHandler,
  GetConsentsHandler,
  ListPolicyVersionsHandler,
  GetPolicyInForceHandler,
  GetPersonalDataHandler,
];
const REACTORS = [PasswordResetReactor, SessionRevocationListReactor, ThrottleEpochReactor];

@Module({})
export class IdentityModule {
  static forPlatform(platform: Platform, signer: TokenSigner): DynamicModule {
    return {
      module: IdentityModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        AccountsController,
        SessionsController,
        StaffController,
        TotpEnrolmentController,
        PasswordResetController,
        ConsentsController,
        PolicyVersionsController,
        PersonalDataController,
        JwksController,
        HealthController,
      ],
      providers: [
        ...serviceProviders(platform, {
          name: 'identity',
          verifier: signer.localVerifier(platform.clock),
          aggregates: IDENTITY_AGGREGATES,
        }),
        { provide: TokenSigner, useValue: signer },
        backgroundRunners({ projections: [sessionHistoryProjection], reactors: REACTORS, traces: [LoginThrottleTrace] }),
        ...REACTORS,
        LoginThrottleTrace,
        ExpiredThrottleCounts,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        Credentials,
        UsernameRegistry,
        UnboundClaimsBinder,
        ThrottledAttempts,
        PersonalDataExporter,
      ],
    };
  }
}
