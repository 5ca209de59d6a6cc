import { readModelsContract } from '../read-models.contract';
import { InMemoryReadModels } from './in-memory-read-models';

describe('InMemoryReadModels', () => {
  readModelsContract(async () => ({ readModels: new InMemoryReadModels(), close: async () => undefined }));
});
