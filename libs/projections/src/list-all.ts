import type { JsonObject } from '@privacy-ledger/ledger';
import type { ReadModelStore } from './read-model-store.port';

const PAGE = 500;

/** Every document that matches, page by page: for an answer that must be whole, where one page could cut it short. */
export async function listAll<T extends JsonObject>(store: ReadModelStore, collection: string, where: JsonObject): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.list<T>(collection, { where, limit: PAGE, offset });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}
