import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { StartTotpEnrolmentCommand } from './start-totp-enrolment.command';
import { activeStaff, staffAggregate } from './staff.decider';
import { newTotpSecret, otpauthUri } from './totp';

/** The secret goes to the staff member once, in this answer; the ledger keeps it only sealed under their own key. */
@CommandHandler(StartTotpEnrolmentCommand)
export class StartTotpEnrolmentHandler implements ICommandHandler<StartTotpEnrolmentCommand> {
  constructor(private readonly writes: WritePath) {}

  async execute({ staffId, context }: StartTotpEnrolmentCommand) {
    const secret = newTotpSecret();
    const command = { type: 'StartTotpEnrolment' as const, enrolmentId: randomUUID(), secret, at: context.occurredAt };
    const { state } = await this.writes.handle(staffAggregate, staffId, command, context);
    return { otpauthUri: otpauthUri(activeStaff(state).secrets.username, secret), secret };
  }
}
