import { epochIsDue } from './epoch-schedule';

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
