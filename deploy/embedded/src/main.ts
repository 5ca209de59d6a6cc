import 'reflect-metadata';
import { createContactsApp } from '@privacy-ledger/contacts';
import { createIdentityApp } from '@privacy-ledger/identity';
import { jsonLogger, openPlatform, runtimeConfig, serveUntilStopped } from '@privacy-ledger/platform';

/**
 * `npm start`: every service in this one process, each on its own port, sharing one embedded PGlite
 * database in ./data (locked against a second process).
 */
async function main(): Promise<void> {
  const logger = jsonLogger('embedded');
  const config = runtimeConfig();
  const platform = await openPlatform(config, (message) => logger.warn(message));
  await serveUntilStopped(
    platform,
    [
      { name: 'identity', app: await createIdentityApp(platform), port: config.ports.identity },
      { name: 'contacts', app: await createContactsApp(platform), port: config.ports.contacts },
    ],
    logger,
  );
}

main().catch((error: Error) => {
  jsonLogger('embedded').error({ msg: 'failed to start', error: error.name, reason: error.message });
  process.exit(1);
});
