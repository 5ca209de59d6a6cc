import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { readModelsContract } from '../read-models.contract';
import { PostgresReadModels } from './postgres-read-models';

describe.each(testDatabaseAdapters())('PostgresReadModels on $name', (adapter) => {
  readModelsContract(async () => {
    const { db, close } = await adapter.open();
    return { readModels: await PostgresReadModels.create(db), close };
  });
});
