import { ManualClock } from '@privacy-ledger/clock';
import { keyWithin, type AttemptLimit, type AttemptThrottle } from './attempt-throttle.port';

const LIMIT: AttemptLimit = { freeTries: 5, windowSeconds: 3600 };

/** Every adapter of the AttemptThrottle port passes this suite; `open` gives one on a clock the suite moves. */
export function attemptThrottleContract(
  open: (clock: ManualClock) => Promise<{ throttle: AttemptThrottle; close(): Promise<void> }>,
): void {
  let clock: ManualClock;
  let throttle: AttemptThrottle;
  let close: () => Promise<void>;
  beforeEach(async () => {
    clock = new ManualClock();
    ({ throttle, close } = await open(clock));
  });
  afterEach(() => close());

  const reserveTimes = async (key: string, times: number, limit = LIMIT) => {
    const answers = [];
    for (let i = 0; i < times; i++) answers.push(await throttle.reserve(key, limit));
    return answers;
  };

  it('takes the free tries, then locks the key twice as long after each further one, up to fifteen minutes', async () => {
    expect(await reserveTimes('k', 5)).toEqual(Array(5).fill({ reserved: true }));
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: false, retryAfterSeconds: 2 });
    clock.advance(1500);
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: false, retryAfterSeconds: 1 });
    clock.advance(500);
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: true });
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: false, retryAfterSeconds: 4 });
    for (let lock = 4; lock < 15 * 60; lock *= 2) {
      clock.advance(lock * 1000);
      expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: true });
    }
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: false, retryAfterSeconds: 15 * 60 });
    expect(await throttle.reserve('other', LIMIT)).toEqual({ reserved: true });
  });

  it('counts nothing for a refused try: hammering a locked key does not lengthen its lock', async () => {
    await reserveTimes('k', 5);
    await reserveTimes('k', 50);
    clock.advance(2000);
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: true });
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: false, retryAfterSeconds: 4 });
  });

  it('of 40 parallel tries reserves exactly the free ones', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => throttle.reserve('k', LIMIT)));
    expect(answers.filter((answer) => answer.reserved)).toHaveLength(5);
    expect(answers.filter((answer) => !answer.reserved)).toEqual(Array(35).fill({ reserved: false, retryAfterSeconds: 2 }));
  });

  it('gives a released try back, lifting the lock it set, and forgets a cleared key', async () => {
    await reserveTimes('k', 5);
    await throttle.release('k', LIMIT);
    expect(await throttle.reserve('k', LIMIT)).toEqual({ reserved: true });
    expect((await throttle.reserve('k', LIMIT)).reserved).toBe(false);
    await throttle.clear('k');
    expect(await reserveTimes('k', 5)).toEqual(Array(5).fill({ reserved: true }));
    await throttle.release('never-tried', LIMIT);
    await throttle.clear('never-tried');
    expect(await throttle.reserve('never-tried', LIMIT)).toEqual({ reserved: true });
  });

  it('forgets a key with every key counted within it, and nothing else', async () => {
    await reserveTimes('name', 5);
    await reserveTimes(keyWithin('name', 'address'), 5);
    await reserveTimes('name-other', 5);
    await throttle.forgetAll('name');
    expect(await throttle.reserve('name', LIMIT)).toEqual({ reserved: true });
    expect(await throttle.reserve(keyWithin('name', 'address'), LIMIT)).toEqual({ reserved: true });
    expect((await throttle.reserve('name-other', LIMIT)).reserved).toBe(false);
  });

  it('forgets every count but those under the kept prefixes', async () => {
    await reserveTimes('held:one', 5);
    await reserveTimes(keyWithin('held:one', 'address'), 5);
    await reserveTimes('token-of-a-closed-epoch', 5);
    await throttle.forgetAllBut(['held:', 'other:']);
    expect((await throttle.reserve('held:one', LIMIT)).reserved).toBe(false);
    expect((await throttle.reserve(keyWithin('held:one', 'address'), LIMIT)).reserved).toBe(false);
    expect(await throttle.reserve('token-of-a-closed-epoch', LIMIT)).toEqual({ reserved: true });
  });

  it('forgets the counts whose window is over, and only those', async () => {
    const minute: AttemptLimit = { freeTries: 3, windowSeconds: 60 };
    await reserveTimes('minute', 4, minute);
    await reserveTimes('hour', 5);
    clock.advance(59_000);
    expect(await throttle.forgetExpired()).toBe(0);
    clock.advance(1000);
    expect(await throttle.forgetExpired()).toBe(1);
    expect(await throttle.forgetExpired()).toBe(0);
    expect(await reserveTimes('minute', 3, minute)).toEqual(Array(3).fill({ reserved: true }));
    // The hour's count stands: its sixth try is the first to lock the key.
    expect(await reserveTimes('hour', 2)).toEqual([{ reserved: true }, { reserved: false, retryAfterSeconds: 4 }]);
  });

  it('starts counting afresh when the window is over, and no lock outlasts its window', async () => {
    const limit: AttemptLimit = { freeTries: 3, windowSeconds: 60 };
    await reserveTimes('k', 3, limit);
    clock.advance(2000);
    await reserveTimes('k', 1, limit);
    clock.advance(4000);
    await reserveTimes('k', 1, limit);
    clock.advance(8000);
    await reserveTimes('k', 1, limit);
    clock.advance(16_000);
    await reserveTimes('k', 1, limit);
    // 30 s into the window: the next lock (32 s) would pass its end, so it ends with the window.
    expect(await throttle.reserve('k', limit)).toEqual({ reserved: false, retryAfterSeconds: 30 });
    clock.advance(30_000);
    expect(await reserveTimes('k', 3, limit)).toEqual(Array(3).fill({ reserved: true }));
    expect(await throttle.reserve('k', limit)).toEqual({ reserved: false, retryAfterSeconds: 2 });
  });
}
