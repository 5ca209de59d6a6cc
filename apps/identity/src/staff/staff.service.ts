import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, type CommandContext } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { PLATFORM, type Platform } from '../platform.token';
import { USERNAME_SCOPE } from '../sessions/credentials';
import type { RegisterStaffMemberDto } from './register-staff-member.dto';
import { StaffRepository, staffStream, staffSubject } from './staff.repository';

@Injectable()
export class StaffService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly staff: StaffRepository,
  ) {}

  async register(input: RegisterStaffMemberDto, context: CommandContext): Promise<string> {
    const staffId = randomUUID();
    const subject = staffSubject(staffId);
    if (!(await this.platform.blindIndex.claim(USERNAME_SCOPE, input.username, subject))) throw new DomainRuleViolation('conflict', 'this username is taken');
    try {
      const secrets = { username: input.username, passwordHash: await hashPassword(input.password), name: input.name, email: input.email };
      const command = { type: 'RegisterStaffMember' as const, staffId, roles: input.roles, secrets, registeredBy: context.actor, at: new Date().toISOString() };
      await this.staff.handle(staffStream(staffId), command, context);
      return staffId;
    } catch (error) {
      await this.platform.blindIndex.release(USERNAME_SCOPE, input.username, subject);
      throw error;
    }
  }
}
