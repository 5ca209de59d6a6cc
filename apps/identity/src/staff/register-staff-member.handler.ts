import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { UsernameRegistry } from '../sessions/username-registry';
import { RegisterStaffMemberCommand } from './register-staff-member.command';
import { staffAggregate } from './staff.decider';
import { staffSubject } from './staff.events';

@CommandHandler(RegisterStaffMemberCommand)
export class RegisterStaffMemberHandler implements ICommandHandler<RegisterStaffMemberCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  async execute({ staffId, member, context }: RegisterStaffMemberCommand): Promise<{ id: string }> {
    await this.usernames.assertFree(member.username);
    const secrets = {
      username: member.username,
      passwordHash: await hashPassword(member.password),
      name: member.name,
      email: member.email,
    };
    const command = {
      type: 'RegisterStaffMember' as const,
      staffId,
      roles: member.roles,
      secrets,
      registeredBy: context.actor,
      at: context.occurredAt,
    };
    const pending = await this.writes.decideAndSeal(staffAggregate, staffId, command, context);
    await this.usernames.registerWith(member, staffSubject(staffId), pending);
    return { id: staffId };
  }
}
