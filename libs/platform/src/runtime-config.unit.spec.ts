import { runtimeConfig } from './runtime-config';

describe('runtimeConfig: TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told', () => {
    expect(runtimeConfig({}).trustedProxies).toEqual([]);
    expect(runtimeConfig({ TRUSTED_PROXIES: ' ' }).trustedProxies).toEqual([]);
  });

  it('reads addresses and CIDR ranges, IPv4 and IPv6, separated by commas', () => {
    expect(runtimeConfig({ TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['loopback', '10.0.0.256', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '10.0.0.0/'])('refuses %s, naming it', (entry) => {
    expect(() => runtimeConfig({ TRUSTED_PROXIES: `10.0.0.1,${entry}` })).toThrow(`TRUSTED_PROXIES must be IP addresses or CIDR ranges`);
  });
});
