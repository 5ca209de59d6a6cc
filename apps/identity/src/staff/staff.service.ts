import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CommandContext } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { UsernameRegistry } from '../sessions/username-registry';
import type { RegisterStaffMemberDto } from './register-staff-member.dto';
import { StaffRepository, staffStream, staffSubject } from './staff.repository';

@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly usernames: UsernameRegistry,
  ) {}

  async register(input: RegisterStaffMemberDto, context: CommandContext): Promise<string> {
    const staffId = randomUUID();
    await this.usernames.assertFree(input.username);
    const secrets = { username: input.username, passwordHash: await hashPassword(input.password), name: input.name, email: input.email };
    const command = { type: 'RegisterStaffMember' as const, staffId, roles: input.roles, secrets, registeredBy: context.actor, at: new Date().toISOString() };
    await this.usernames.registerWith(input, staffSubject(staffId), await this.staff.decideAndSeal(staffStream(staffId), command, context));
    return staffId;
  }
}
