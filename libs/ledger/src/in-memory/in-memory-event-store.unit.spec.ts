import { eventStoreContract } from '../event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describe('InMemoryEventStore', () => {
  eventStoreContract(async () => ({ store: new InMemoryEventStore(), close: async () => undefined }));
});
