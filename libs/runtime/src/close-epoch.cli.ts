import { jsonLogger, runtimeConfig } from '@privacy-ledger/platform';
import { openPlatform } from './compose';

/**
 * Closes the keyring's KEK epoch now (npm run keyring:close-epoch): every erasure made so far becomes
 * complete, for backups too. Epochs also close by themselves (KEYRING_ERASURE_WINDOW_SECONDS,
 * KEYRING_ROTATION_DAYS); this is for an operator who cannot wait. In embedded mode, stop `npm start` first.
 */
async function main(): Promise<void> {
  const logger = jsonLogger('keyring-cli');
  const platform = await openPlatform(runtimeConfig(), (message) => logger.warn(message));
  try {
    process.stdout.write(`${JSON.stringify(await platform.keyring.closeEpoch())}\n`);
  } finally {
    await platform.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`keyring:close-epoch failed: ${error.name}: ${error.message}\n`);
  process.exit(1);
});
