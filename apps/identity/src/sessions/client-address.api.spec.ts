import { ServiceSpec } from '@privacy-ledger/runtime';
import { IdentityModule } from '../identity.module';
import { TokenSigner } from '../tokens/token-signer';

const PASSWORD = 'a long enough passphrase';
const FORWARDED = { 'x-forwarded-for': '203.0.113.7' };

/** The address a session records (P16) is the peer's, unless the peer is a proxy the configuration trusts. */
describe('the client address of a session record', () => {
  const start = (env: NodeJS.ProcessEnv) =>
    ServiceSpec.start(
      'identity',
      async (platform, tokens) => IdentityModule.forPlatform(platform, await TokenSigner.fromPrivateJwk(tokens.privateJwk)),
      { env },
    );
  const recordedAddress = async (spec: ServiceSpec) => {
    const signup = {
      kind: 'company',
      username: 'address.owner',
      password: PASSWORD,
      name: 'Ada Owner',
      email: 'ada@example.test',
      companyName: 'Ada Ltd',
    };
    expect((await spec.when('POST', '/accounts', { body: signup })).status).toBe(201);
    const login = await spec.when('POST', '/sessions', { body: { username: 'address.owner', password: PASSWORD }, headers: FORWARDED });
    expect(login.status).toBe(201);
    const started = login.events.find((event) => event.type === 'SessionStarted');
    return (started?.personal as { ipAddress?: string } | undefined)?.ipAddress;
  };

  it('ignores X-Forwarded-For by default: any client could otherwise choose the address recorded', async () => {
    const spec = await start({});
    try {
      expect(await recordedAddress(spec)).toBe('127.0.0.1');
    } finally {
      await spec.close();
    }
  });

  it('takes the client address from X-Forwarded-For when the request comes from a proxy in TRUSTED_PROXIES', async () => {
    const spec = await start({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' });
    try {
      expect(await recordedAddress(spec)).toBe('203.0.113.7');
    } finally {
      await spec.close();
    }
  });
});
