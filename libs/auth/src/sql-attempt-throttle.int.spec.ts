import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { attemptThrottleContract } from './attempt-throttle.contract';
import { SqlAttemptThrottle } from './sql-attempt-throttle';

describe.each(testDatabaseAdapters())('SqlAttemptThrottle on $name: the contract', (adapter) => {
  attemptThrottleContract(async (clock) => {
    const { db, close } = await adapter.open();
    return { throttle: await SqlAttemptThrottle.create(db, clock), close };
  });
});
