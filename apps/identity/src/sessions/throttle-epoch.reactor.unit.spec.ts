import { keyWithin } from '@privacy-ledger/auth';
import { KEK_EPOCH_RETIRED } from '@privacy-ledger/contracts';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import { composeInMemory } from '@privacy-ledger/runtime';
import { loginThrottleKeys, stepUpThrottleKeys } from './login-throttle';
import { ThrottleEpochReactor } from './throttle-epoch.reactor';
import type { UsernameRegistry } from './username-registry';

const retired = (service: string) => ({ type: KEK_EPOCH_RETIRED, data: { service, epoch: 1, retiredAt: '' } }) as unknown as RecordedEvent;

describe('ThrottleEpochReactor', () => {
  it("forgets the counts under a retired identity epoch's tokens, and keeps those by id", async () => {
    const { throttle } = composeInMemory('identity');
    const usernames = {
      throttleKeyOfName: async (name: string) => (name === 'held' ? 'login-name:customer-1' : `token-of-${name}`),
      throttleKeyOfAddress: async (address: string) => `token-of-${address}`,
    } as unknown as UsernameRegistry;
    const counted = [
      ...(await loginThrottleKeys(usernames, 'held', '10.0.0.1')),
      ...(await loginThrottleKeys(usernames, 'nobody', '10.0.0.2')),
    ];
    const limited = [...counted, ...stepUpThrottleKeys('customer-1')].map(({ key }) => ({
      key,
      limit: { freeTries: 1, windowSeconds: 60 },
    }));
    const locked = async () => {
      const answers = await Promise.all(limited.map(({ key, limit }) => throttle.reserve(key, limit).then((r) => [key, !r.reserved])));
      return Object.fromEntries(answers.filter(([, isLocked]) => isLocked).map(([key]) => [key, true]));
    };
    for (const { key, limit } of limited) await throttle.reserve(key, limit);
    const reactor = new ThrottleEpochReactor(throttle);

    await reactor.handle(retired('contacts'));
    expect(Object.keys(await locked())).toHaveLength(limited.length);
    await reactor.handle(retired('identity'));
    expect(Object.keys(await locked()).sort()).toEqual(
      ['login-name:customer-1', keyWithin('login-name:customer-1', 'token-of-10.0.0.1'), 'step-up:customer-1'].sort(),
    );
  });
});
