import { InMemoryKekStore } from './in-memory-kek-store';
import { kekStoreContract } from './kek-store.contract';

describe('InMemoryKekStore: the contract', () => kekStoreContract(async () => new InMemoryKekStore()));
