import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { URI, type TOTP } from 'otpauth';
import type { http } from './http-client';
import { inheritedEnvironment, WORKSPACE_ROOT } from './service-process';

/** How an end-to-end test calls a service: `http`, or a wrapper that keeps every answer for a canary scan. */
export type Call = (...args: Parameters<typeof http>) => ReturnType<typeof http>;

/** A session's token for these credentials, stepped up (P14) when asked. */
export async function logIn(call: Call, identity: string, username: string, password: string, steppedUp = false): Promise<string> {
  const login = await call(identity, 'POST', '/sessions', { body: { username, password } });
  if (login.status !== 201) throw new Error(`log-in of ${username} answered ${login.status}`);
  if (!steppedUp) return login.body.accessToken;
  return (await call(identity, 'POST', '/sessions/step-up', { token: login.body.accessToken, body: { password } })).body.accessToken;
}

/**
 * A staff member made with `npm run staff:create` against the services' database (`env`), logged in; a card
 * custodian also enrolled in the second factor and past it, as every use of a card asks.
 */
export async function staffMember(
  call: Call,
  identity: string,
  env: Record<string, string>,
  member: { username: string; password: string; role: string },
): Promise<string> {
  const { username, password, role } = member;
  const args = [
    'apps/identity/dist/cli/create-staff.cli.js',
    '--username',
    username,
    '--name',
    'Staff Name',
    '--email',
    `${username}@staff.example`,
  ];
  // Not execFileSync: a blocked event loop misses the services closing idle connections, and the next request fails on one.
  await promisify(execFile)(process.execPath, [...args, '--role', role], {
    cwd: WORKSPACE_ROOT,
    env: { ...inheritedEnvironment(), ...env, STAFF_PASSWORD: password },
  });
  const login = await logIn(call, identity, username, password);
  if (role !== 'card-custodian') return login;
  const steppedUp = (await call(identity, 'POST', '/sessions/step-up', { token: login, body: { password } })).body.accessToken;
  const enrolment = await call(identity, 'POST', '/staff/me/totp', { token: steppedUp });
  const totp = URI.parse(enrolment.body.otpauthUri) as TOTP;
  const confirmed = await call(identity, 'POST', '/staff/me/totp/confirmation', { token: steppedUp, body: { code: totp.generate() } });
  if (confirmed.status !== 204) throw new Error(`the second factor of ${username} was not confirmed: ${confirmed.status}`);
  // Each code is taken once: the next period's code, which a verifier takes for clock drift.
  const code = totp.generate({ timestamp: Date.now() + totp.period * 1000 });
  const passed = await call(identity, 'POST', '/sessions/mfa', { token: login, body: { code } });
  if (passed.status !== 201) throw new Error(`the second factor of ${username} was refused: ${passed.status}`);
  return passed.body.accessToken;
}
