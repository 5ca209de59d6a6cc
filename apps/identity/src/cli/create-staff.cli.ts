import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { STAFF_ROLES, type StaffRole } from '@privacy-ledger/auth';
import { describeStartupFailure, jsonLogger, runtimeConfig, StartupError } from '@privacy-ledger/platform';
import { openPlatform } from '@privacy-ledger/runtime';
import { IdentityModule } from '../identity.module';
import { RegisterStaffMemberCommand } from '../staff/register-staff-member.command';
import { TokenSigner } from '../tokens/token-signer';

/**
 * Creates a staff account from the command line: how the first privacy officer comes to be.
 *   npm run staff:create -- --username pat --name "Pat Doe" --email pat@example.com --role privacy-officer
 * The password is read from STAFF_PASSWORD (so it never lands in shell history).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
    },
  });
  const password = process.env.STAFF_PASSWORD ?? '';
  const roles = (values.role ?? ['privacy-officer']) as StaffRole[];
  const problems = [
    !values.username && '--username is required',
    !values.name && '--name is required',
    !values.email && '--email is required',
    password.length < 12 && 'STAFF_PASSWORD must hold a password of at least 12 characters',
    ...roles.filter((role) => !STAFF_ROLES.includes(role)).map((role) => `unknown role ${role} (roles: ${STAFF_ROLES.join(', ')})`),
  ].filter(Boolean);
  if (problems.length > 0) throw new StartupError(problems.join('; '));

  const logger = jsonLogger('identity-cli');
  const platform = await openPlatform(runtimeConfig(), (message) => logger.warn(message), ['identity']);
  try {
    const signer = await TokenSigner.fromPrivateJwk(await TokenSigner.generatePrivateJwk());
    const context = await NestFactory.createApplicationContext(IdentityModule.forPlatform(platform, signer), { logger: false });
    const member = { username: values.username!, password, name: values.name!, email: values.email!, roles };
    const cli = { correlationId: 'cli', causationId: null, actor: 'cli', occurredAt: platform.clock.now().toISOString() };
    const { id: staffId } = await context.get(CommandBus).execute(new RegisterStaffMemberCommand(randomUUID(), member, cli));
    await context.close();
    process.stdout.write(`staff member created: ${staffId} (roles: ${roles.join(', ')})\n`);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`staff:create failed: ${JSON.stringify(describeStartupFailure(error))}\n`);
  process.exit(1);
});
