import 'reflect-metadata';
import { jsonLogger, openPlatform, runtimeConfig } from '@privacy-ledger/platform';
import { createIdentityApp } from './identity.app';

/** Identity as its own process (server mode: DATABASE_URL, KEYRING_KEKS, KEYRING_BLIND_INDEX_KEY, IDENTITY_SIGNING_KEY). */
async function main(): Promise<void> {
  const logger = jsonLogger('identity');
  const config = runtimeConfig();
  const platform = await openPlatform(config, (message) => logger.warn(message));
  const app = await createIdentityApp(platform);
  await app.listen(config.ports.identity, '127.0.0.1');
  logger.log({ msg: 'listening', port: config.ports.identity, mode: config.databaseUrl ? 'server' : 'embedded' });
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  async function shutdown() {
    await app.close();
    await platform.close();
    logger.log({ msg: 'stopped' });
    process.exit(0);
  }
}

main().catch((error: Error) => {
  jsonLogger('identity').error({ msg: 'failed to start', error: error.name, reason: error.message });
  process.exit(1);
});
