import { Ed25519Key } from '@privacy-ledger/platform';
import { ErasureCertificates, statementOf } from './erasure-certificate';
import { verifyOffline } from './certificate-verification';

const started = {
  accountId: '7d0c7d2e-9f55-4a39-9d53-5b1f4f0f7a11',
  erasureId: 'Qm9vbGVhbi1lcmFzdXJlLWlkLTAwMDAwMDAx',
  legalBasis: 'removal-requested-on-closure' as const,
  requestedBy: '7d0c7d2e-9f55-4a39-9d53-5b1f4f0f7a11',
  requestedAt: '2026-12-01T10:00:00.000Z',
  startedAt: '2026-12-01T10:00:00.000Z',
  participants: ['identity' as const],
};
const identityPart = {
  service: 'identity' as const,
  confirmedAt: '2026-12-01T10:00:01.000Z',
  actedOnPosition: 41,
  confirmationPosition: 42,
  destroyedKeys: [{ subjectId: `customer-${started.accountId}`, destroyedAt: '2026-12-01T10:00:00.500Z' }],
  removed: ['identity-session-history'],
  retiredEpoch: { epoch: 3, retiredAt: '2026-12-01T10:00:01.500Z' },
};
const statement = statementOf(started, [identityPart], '2026-12-01T10:00:02.000Z', 44);
const newKey = async () => Ed25519Key.fromPrivateJwk(await Ed25519Key.generatePrivateJwk());

describe('erasure certificates, verified offline against the JWKS alone', () => {
  it('gives back what a certificate signed by retention states', async () => {
    const key = await newKey();
    const certificate = await new ErasureCertificates(key).sign(statement);
    await expect(verifyOffline(certificate, { jwks: key.jwks })).resolves.toEqual(statement);
  });

  it('refuses a certificate whose statement was changed after signing', async () => {
    const key = await newKey();
    const [header, payload, signature] = (await new ErasureCertificates(key).sign(statement)).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.erasure.participants[0].destroyedKeys = [];
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    await expect(verifyOffline(forged, { jwks: key.jwks })).rejects.toThrow(/signature verification failed/);
  });

  it('refuses a certificate signed by any other key', async () => {
    const certificate = await new ErasureCertificates(await newKey()).sign(statement);
    await expect(verifyOffline(certificate, { jwks: (await newKey()).jwks })).rejects.toThrow();
  });
});
