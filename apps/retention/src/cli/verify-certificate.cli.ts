import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runtimeConfig } from '@privacy-ledger/platform';
import { recheck, verifyOffline, type Finding, type KeySource } from '../erasures/certificate-verification';

const USAGE = `verify an erasure certificate (a compact JWS):
  npm run erasure:verify -- <certificate file, or - for standard input> --jwks <retention's JWKS: a file, or its URL>
      checks the signature offline against the public keys, and prints what the certificate states;
  add --against to re-check it against the running services as an auditor (AUDITOR_TOKEN: an auditor's access
      token; IDENTITY_URL, CONTACTS_URL, PAYMENT_VAULT_URL and RETENTION_URL name the services, local ports by default):
      every key the certificate names is gone, and the account's events are still there and open to nobody.
exit code 0: everything holds; 1: something does not (each finding is printed); 2: the command was used wrongly.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { jwks: { type: 'string' }, against: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1 || !values.jwks) return usage();
  const certificate = readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8').trim();
  const statement = await verifyOffline(certificate, keySourceOf(values.jwks)).catch((error: Error) => error);
  if (statement instanceof Error)
    return report([{ check: 'the signature holds against the JWKS', holds: false, detail: statement.message }]);
  console.log(JSON.stringify({ statement }, null, 2));
  const findings: Finding[] = [{ check: 'the signature holds against the JWKS', holds: true }];
  if (values.against) findings.push(...(await recheck(certificate, statement, runningSystem())));
  return report(findings);
}

function keySourceOf(jwks: string): KeySource {
  return /^https?:\/\//.test(jwks) ? { url: new URL(jwks) } : { jwks: JSON.parse(readFileSync(jwks, 'utf8')) };
}

function runningSystem() {
  const config = runtimeConfig();
  const token = process.env.AUDITOR_TOKEN;
  if (!token) throw new Error('AUDITOR_TOKEN must hold an auditor’s access token for --against');
  const urls = {
    identity: config.identityUrl,
    contacts: config.contactsUrl,
    'payment-vault': config.paymentVaultUrl,
    retention: process.env.RETENTION_URL ?? `http://127.0.0.1:${config.ports.retention}`,
  };
  return { urls, token };
}

function report(findings: readonly Finding[]): number {
  for (const finding of findings) console.log(JSON.stringify(finding));
  return findings.every((finding) => finding.holds) ? 0 : 1;
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
