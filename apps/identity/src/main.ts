import 'reflect-metadata';
import { jsonLogger, openPlatform, runtimeConfig, serveUntilStopped } from '@privacy-ledger/platform';
import { createIdentityApp } from './identity.app';

/** Identity as its own process (server mode: DATABASE_URL, KEYRING_KEKS, KEYRING_BLIND_INDEX_KEY, IDENTITY_SIGNING_KEY). */
async function main(): Promise<void> {
  const logger = jsonLogger('identity');
  const config = runtimeConfig();
  const platform = await openPlatform(config, (message) => logger.warn(message));
  await serveUntilStopped(platform, [{ name: 'identity', app: await createIdentityApp(platform), port: config.ports.identity }], logger);
}

main().catch((error: Error) => {
  jsonLogger('identity').error({ msg: 'failed to start', error: error.name, reason: error.message });
  process.exit(1);
});
