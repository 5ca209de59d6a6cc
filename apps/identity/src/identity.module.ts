import { Module, type DynamicModule } from '@nestjs/common';
import { BackgroundRunners, HealthController, PLATFORM, serviceProviders, type Platform } from '@privacy-ledger/platform';
import { AccountRepository } from './accounts/account.repository';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ConsentsController } from './consents/consents.controller';
import { ConsentsRepository } from './consents/consents.repository';
import { ConsentsService } from './consents/consents.service';
import { PolicyVersionsController } from './policy-versions/policy-versions.controller';
import { PolicyVersionsRepository } from './policy-versions/policy-versions.repository';
import { PolicyVersionsService } from './policy-versions/policy-versions.service';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetRepository } from './password-reset/password-reset.repository';
import { PasswordResetService } from './password-reset/password-reset.service';
import { Credentials } from './sessions/credentials';
import { LoginThrottle } from './sessions/login-throttle';
import { sessionHistoryProjection } from './sessions/session-history.projection';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { UsernameRegistry } from './sessions/username-registry';
import { StaffController } from './staff/staff.controller';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { JwksController } from './tokens/jwks.controller';
import { TokenSigner } from './tokens/token-signer';

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
        ...serviceProviders(platform, 'identity', signer.localVerifier()),
        { provide: TokenSigner, useValue: signer },
        {
          provide: BackgroundRunners,
          useFactory: (p: Platform) => new BackgroundRunners(p, [sessionHistoryProjection], 'identity'),
          inject: [PLATFORM],
        },
        AccountRepository,
        AccountsService,
        StaffRepository,
        StaffService,
        Credentials,
        UsernameRegistry,
        LoginThrottle,
        SessionsService,
        PasswordResetRepository,
        PasswordResetService,
        PolicyVersionsRepository,
        PolicyVersionsService,
        ConsentsRepository,
        ConsentsService,
      ],
    };
  }
}
