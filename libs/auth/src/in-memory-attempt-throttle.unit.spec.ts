import { attemptThrottleContract } from './attempt-throttle.contract';
import { InMemoryAttemptThrottle } from './in-memory-attempt-throttle';

describe('InMemoryAttemptThrottle: the contract', () => {
  attemptThrottleContract(async (clock) => ({ throttle: new InMemoryAttemptThrottle(clock), close: async () => undefined }));
});
