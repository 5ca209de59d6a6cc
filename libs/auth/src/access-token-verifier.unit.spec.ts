import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ManualClock } from '@privacy-ledger/clock';
import { CLOCK_TOLERANCE_MS, JwksAccessTokenVerifier } from './access-token-verifier';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from './principal';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' } as JWK };
}

/** The verifier's now: 2026-11-19T07:33:20.123Z. */
const NOW_MS = 1_795_000_000_123;
const NOW = Math.floor(NOW_MS / 1000);

describe('JwksAccessTokenVerifier', () => {
  let signing: Awaited<ReturnType<typeof keyPair>>;
  let verifier: JwksAccessTokenVerifier;

  /** A token as identity issues it now, with these claims changed (undefined removes one). */
  const token = (claims: Record<string, unknown> = {}, key = signing.privateKey) => {
    const payload = Object.fromEntries(
      Object.entries({
        kind: 'staff',
        roles: ['support', 'not-a-role'],
        sid: 'session-1',
        sub: 'staff-1',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        iat: NOW,
        iatMs: NOW_MS,
        exp: NOW + 60,
        ...claims,
      }).filter(([, value]) => value !== undefined),
    );
    return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).sign(key);
  };

  beforeAll(async () => {
    signing = await keyPair();
    verifier = new JwksAccessTokenVerifier(createLocalJWKSet({ keys: [signing.jwk] }), new ManualClock(new Date(NOW_MS)));
  });

  it('returns the principal of a valid token, keeping only roles it knows', async () => {
    await expect(verifier.verify(await token())).resolves.toEqual({
      id: 'staff-1',
      kind: 'staff',
      roles: ['support'],
      sessionId: 'session-1',
      issuedAt: NOW_MS,
      stepUpAt: null,
      mfaAt: null,
    });
    await expect(verifier.verify(await token({ stepUpAt: NOW_MS - 1000 }))).resolves.toMatchObject({ stepUpAt: NOW_MS - 1000 });
    await expect(verifier.verify(await token({ mfaAt: NOW_MS - 1000 }))).resolves.toMatchObject({ mfaAt: NOW_MS - 1000 });
  });

  it('takes the time of issue from the standard iat, refined to the millisecond by iatMs within the same second', async () => {
    await expect(verifier.verify(await token({ iatMs: undefined }))).resolves.toMatchObject({ issuedAt: NOW * 1000 });
    await expect(verifier.verify(await token({ iatMs: NOW * 1000 + 999 }))).resolves.toMatchObject({ issuedAt: NOW * 1000 + 999 });
  });

  it.each([
    ['whose iatMs disagrees with its iat', { iatMs: NOW_MS - 60_000 }],
    ['whose iatMs lies in the next second', { iatMs: (NOW + 1) * 1000 }],
    ['whose iatMs is not a whole number', { iatMs: NOW_MS + 0.5 }],
    ['without exp', { exp: undefined }],
    ['without iat', { iat: undefined, iatMs: undefined }],
    ['issued in the future', { iat: NOW + 31, iatMs: undefined, exp: NOW + 91 }],
    ['with a step-up after its issue', { stepUpAt: NOW_MS + 1 }],
    ['with a step-up in the future', { iat: NOW + 20, iatMs: undefined, exp: NOW + 80, stepUpAt: NOW_MS + 60_000 }],
    ['with a step-up time that is not a number', { stepUpAt: 'now' }],
    ['with a second factor after its issue', { mfaAt: NOW_MS + 1 }],
    ['with a second factor time that is not a whole number', { mfaAt: NOW_MS - 0.5 }],
    ['of a customer claiming a second factor', { kind: 'customer', mfaAt: NOW_MS - 1000 }],
    ['expired', { iat: NOW - 120, iatMs: undefined, exp: NOW - 60 }],
    ['meant to live longer than identity issues tokens for', { exp: NOW + ACCESS_TOKEN_TTL_SECONDS + 1 }],
    ['of another issuer', { iss: 'someone-else' }],
    ['for another audience', { aud: 'another-service' }],
    ['of an unknown kind', { kind: 'admin' }],
    ['without a session', { sid: undefined }],
  ])('refuses a token %s', async (_, claims) => {
    await expect(verifier.verify(await token(claims))).resolves.toBeNull();
  });

  it('accepts an iat ahead of its clock by no more than the tolerance', async () => {
    const ahead = NOW + CLOCK_TOLERANCE_MS / 1000;
    await expect(verifier.verify(await token({ iat: ahead, iatMs: undefined, exp: ahead + 60 }))).resolves.toMatchObject({
      issuedAt: ahead * 1000,
    });
  });

  it('refuses a token signed by another key, and garbage', async () => {
    const stranger = await keyPair();
    await expect(verifier.verify(await token({}, stranger.privateKey))).resolves.toBeNull();
    await expect(verifier.verify('not.a.token')).resolves.toBeNull();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = (await token()).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'k1' })).toString('base64url')}.${payload}.`;
    await expect(verifier.verify(unsigned)).resolves.toBeNull();
  });
});
