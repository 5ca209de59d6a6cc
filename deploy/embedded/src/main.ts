import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createIdentityApp } from '@privacy-ledger/identity';
import { jsonLogger, openPlatform, runtimeConfig } from '@privacy-ledger/platform';

/**
 * `npm start`: every service in this one process, each on its own port, sharing one embedded PGlite
 * database in ./data (locked against a second process).
 */
async function main(): Promise<void> {
  const logger = jsonLogger('embedded');
  const config = runtimeConfig();
  const platform = await openPlatform(config, (message) => logger.warn(message));
  const services: [string, INestApplication, number][] = [['identity', await createIdentityApp(platform), config.ports.identity]];
  for (const [name, app, port] of services) {
    await app.listen(port, '127.0.0.1');
    logger.log({ msg: 'listening', service: name, port, url: `http://127.0.0.1:${port}`, docs: `http://127.0.0.1:${port}/docs` });
  }
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Stop taking requests and finish those in flight, then close the database so every acknowledged write is on disk.
    for (const [, app] of services) await app.close();
    await platform.close();
    logger.log({ msg: 'stopped' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: Error) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', context: 'embedded', msg: 'failed to start', error: error.name, reason: error.message })}\n`);
  process.exit(1);
});
