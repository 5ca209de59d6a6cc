import { Command } from '@nestjs/cqrs';
import type { StaffRole } from '@privacy-ledger/auth';
import type { CommandContext } from '@privacy-ledger/ledger';

export interface NewStaffMember {
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
  readonly roles: StaffRole[];
}

/** A staff member with their own login and roles: by a privacy officer, or the first one from the command line. */
export class RegisterStaffMemberCommand extends Command<{ id: string }> {
  constructor(
    readonly staffId: string,
    readonly member: NewStaffMember,
    readonly context: CommandContext,
  ) {
    super();
  }
}
