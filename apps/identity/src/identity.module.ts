import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard, ACCESS_TOKEN_VERIFIER } from '@privacy-ledger/auth';
import { ProjectionRunner } from '@privacy-ledger/projections';
import { AccountRepository } from './accounts/account.repository';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { HealthController } from './health/health.controller';
import { PLATFORM, type Platform } from './platform.token';
import { Credentials } from './sessions/credentials';
import { UsernameRegistry } from './sessions/username-registry';
import { LoginThrottle } from './sessions/login-throttle';
import { sessionHistoryProjection } from './sessions/session-history.projection';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { StaffController } from './staff/staff.controller';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { JwksController } from './tokens/jwks.controller';
import { TokenSigner } from './tokens/token-signer';

/** Runs identity's projections for as long as the application does. */
@Injectable()
class IdentityProjections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners: ProjectionRunner[];
  constructor(@Inject(PLATFORM) platform: Platform) {
    this.runners = [new ProjectionRunner(platform.db, platform.events, platform.readModels, sessionHistoryProjection)];
  }
  onApplicationBootstrap() {
    this.runners.forEach((runner) => runner.start());
  }
  async onApplicationShutdown() {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
  caughtUp() {
    return Promise.all(this.runners.map((runner) => runner.caughtUp()));
  }
}

@Module({})
export class IdentityModule {
  static forPlatform(platform: Platform, signer: TokenSigner): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [AccountsController, SessionsController, StaffController, JwksController, HealthController],
      providers: [
        { provide: PLATFORM, useValue: platform },
        { provide: TokenSigner, useValue: signer },
        { provide: ACCESS_TOKEN_VERIFIER, useValue: signer.localVerifier() },
        { provide: APP_GUARD, useClass: AccessGuard },
        AccountRepository,
        AccountsService,
        StaffRepository,
        StaffService,
        Credentials,
        UsernameRegistry,
        LoginThrottle,
        SessionsService,
        IdentityProjections,
      ],
    };
  }
}
