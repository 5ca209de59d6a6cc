import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

/** The MongoDB server READ_MODELS_URL names (the stack's FerretDB); CI must have it, so no suite skips there. */
export function serverReadModelsUrl(): string | undefined {
  const url = process.env.READ_MODELS_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true requires READ_MODELS_URL: the MongoDB suites must run in CI');
  return url || undefined;
}

export interface ScratchMongoDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database on that server, named after the one READ_MODELS_URL names, so suites side by side never meet. */
export function createScratchMongoDatabase(serverUrl: string): ScratchMongoDatabase {
  const url = new URL(serverUrl);
  const database = decodeURIComponent(url.pathname.slice(1)) || 'read_models';
  url.pathname = `/${database.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30)}_test_${randomBytes(6).toString('hex')}`;
  return {
    url: url.toString(),
    async drop() {
      const connection = await mongoose.createConnection(url.toString(), { serverSelectionTimeoutMS: 5000 }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** Every document of every collection in a MongoDB database, as JSON: what the read models hold there. */
export async function everyDocumentIn(url: string): Promise<Buffer> {
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const names = (await connection.db!.listCollections().toArray()).map((collection) => collection.name);
  const documents = await Promise.all(names.map(async (name) => ({ name, documents: await connection.collection(name).find().toArray() })));
  await connection.close();
  return Buffer.from(JSON.stringify(documents));
}
