import { closeEpochsWhenDue, epochIsDue } from './epoch-schedule';
import { InMemoryKeyring } from './in-memory-keyring';
import type { Keyring } from './keyring.port';

const policy = { erasureWindowMs: 60_000, rotationMs: 86_400_000 };
const openedAt = new Date('2026-11-30T10:00:00Z');
const after = (ms: number) => new Date(openedAt.getTime() + ms);

describe('when an epoch is due to close', () => {
  it('waits for an erasure only as long as the erasure window', () => {
    expect(epochIsDue({ epoch: 1, openedAt, erasures: 1 }, after(59_999), policy)).toBe(false);
    expect(epochIsDue({ epoch: 1, openedAt, erasures: 1 }, after(60_000), policy)).toBe(true);
  });

  it('without erasures, rotates the KEK once the rotation period has passed', () => {
    expect(epochIsDue({ epoch: 1, openedAt, erasures: 0 }, after(3_600_000), policy)).toBe(false);
    expect(epochIsDue({ epoch: 1, openedAt, erasures: 0 }, after(86_400_000), policy)).toBe(true);
  });
});

describe('closing epochs whenever due', () => {
  it('stops only once a close under way is done, so that the database is not closed under it', async () => {
    const keyring = new InMemoryKeyring('contacts', () => new Date());
    await keyring.destroy('contact-1', 'account-1');
    let finishClose!: () => void;
    const closing = new Promise<void>((resolve) => (finishClose = resolve));
    const slowly: Keyring = Object.create(keyring, {
      closeEpoch: { value: async () => (await closing, keyring.closeEpoch()) },
    });
    const outcomes: object[] = [];
    const stop = closeEpochsWhenDue(
      slowly,
      () => new Date(),
      { erasureWindowMs: 0, rotationMs: 86_400_000 },
      (o) => outcomes.push(o),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    finishClose();
    await stopping;
    expect(outcomes).toEqual([{ closed: [1], current: 2, erasuresCompleted: 1 }]);
  });
});
