import { describeStartupFailure, jsonLogger, runtimeConfig, StartupError } from '@privacy-ledger/platform';
import { openPlatform } from './compose';

const SERVICES = ['identity', 'contacts', 'payment-vault', 'retention'];

/**
 * Closes the KEK epoch of each service's keyring now (npm run keyring:close-epoch [-- service ...]): every
 * erasure made so far becomes complete, for backups too. Epochs also close by themselves
 * (KEYRING_ERASURE_WINDOW_SECONDS, KEYRING_ROTATION_DAYS); this is for an operator who cannot wait.
 * In embedded mode, stop `npm start` first.
 */
async function main(): Promise<void> {
  const services = process.argv.length > 2 ? process.argv.slice(2) : SERVICES;
  const unknown = services.filter((service) => !SERVICES.includes(service));
  if (unknown.length > 0) throw new StartupError(`no keyring for ${unknown.join(', ')} (services: ${SERVICES.join(', ')})`);
  const logger = jsonLogger('keyring-cli');
  const platform = await openPlatform(runtimeConfig(), (message) => logger.warn(message), services);
  try {
    for (const service of services)
      process.stdout.write(`${JSON.stringify({ service, ...(await platform.keyringOf(service).closeEpoch()) })}\n`);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`keyring:close-epoch failed: ${JSON.stringify(describeStartupFailure(error))}\n`);
  process.exit(1);
});
