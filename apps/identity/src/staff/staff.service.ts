import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { UsernameRegistry } from '../sessions/username-registry';
import type { RegisterStaffMemberDto } from './register-staff-member.dto';
import { staffAggregate } from './staff.decider';
import { staffStream, staffSubject } from './staff.events';

@Injectable()
export class StaffService {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  async register(input: RegisterStaffMemberDto, context: CommandContext): Promise<string> {
    const staffId = randomUUID();
    await this.usernames.assertFree(input.username);
    const secrets = { username: input.username, passwordHash: await hashPassword(input.password), name: input.name, email: input.email };
    const command = {
      type: 'RegisterStaffMember' as const,
      staffId,
      roles: input.roles,
      secrets,
      registeredBy: context.actor,
      at: context.occurredAt,
    };
    await this.usernames.registerWith(
      input,
      staffSubject(staffId),
      await this.writes.decideAndSeal(staffAggregate, staffStream(staffId), command, context),
    );
    return staffId;
  }
}
