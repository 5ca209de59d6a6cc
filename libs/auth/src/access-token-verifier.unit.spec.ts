import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { JwksAccessTokenVerifier } from './access-token-verifier';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './principal';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' } as JWK };
}

describe('JwksAccessTokenVerifier', () => {
  let signing: Awaited<ReturnType<typeof keyPair>>;
  let verifier: JwksAccessTokenVerifier;

  const token = (claims: Record<string, unknown> = {}, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt, key = signing.privateKey) =>
    edit(
      new SignJWT({ kind: 'staff', roles: ['support', 'not-a-role'], sid: 'session-1', ...claims })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
        .setSubject('staff-1')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('60s'),
    ).sign(key);

  beforeAll(async () => {
    signing = await keyPair();
    verifier = new JwksAccessTokenVerifier(createLocalJWKSet({ keys: [signing.jwk] }));
  });

  it('returns the principal of a valid token, keeping only roles it knows', async () => {
    await expect(verifier.verify(await token({ iatMs: 1_795_000_000_123 }))).resolves.toEqual({
      id: 'staff-1',
      kind: 'staff',
      roles: ['support'],
      sessionId: 'session-1',
      issuedAt: 1_795_000_000_123,
      stepUpAt: null,
    });
    await expect(verifier.verify(await token({ stepUpAt: 1_795_000_000_456 }))).resolves.toMatchObject({ stepUpAt: 1_795_000_000_456 });
  });

  it('gives a customer no staff roles, whatever the token claims', async () => {
    await expect(verifier.verify(await token({ kind: 'customer', roles: ['privacy-officer'] }))).resolves.toMatchObject({
      kind: 'customer',
      roles: [],
    });
  });

  it.each([
    [
      'expired',
      (jwt: SignJWT) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 120).setExpirationTime(Math.floor(Date.now() / 1000) - 60),
    ],
    ['of another issuer', (jwt: SignJWT) => jwt.setIssuer('someone-else')],
    ['for another audience', (jwt: SignJWT) => jwt.setAudience('another-service')],
  ])('refuses a token %s', async (_, edit) => {
    await expect(verifier.verify(await token({}, edit))).resolves.toBeNull();
  });

  it('refuses a token signed by another key, an unknown kind, a missing session, and garbage', async () => {
    const stranger = await keyPair();
    await expect(verifier.verify(await token({}, undefined, stranger.privateKey))).resolves.toBeNull();
    await expect(verifier.verify(await token({ kind: 'admin' }))).resolves.toBeNull();
    await expect(verifier.verify(await token({ sid: undefined }))).resolves.toBeNull();
    await expect(verifier.verify('not.a.token')).resolves.toBeNull();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = (await token()).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'k1' })).toString('base64url')}.${payload}.`;
    await expect(verifier.verify(unsigned)).resolves.toBeNull();
  });
});
