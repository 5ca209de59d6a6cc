import type { ConsoleLogger, INestApplication } from '@nestjs/common';

import type { Platform, RuntimeConfig } from '@privacy-ledger/platform';
import { describeStartupFailure, jsonLogger, runtimeConfig } from '@privacy-ledger/platform';
import { openPlatform } from './compose';

export interface Service {
  readonly name: string;
  readonly app: INestApplication;
  readonly port: number;
}

/**
 * Listens with every service, and on SIGTERM or SIGINT stops taking requests, lets those in flight
 * finish and answer, and only then closes the database: a write that was acknowledged is on disk.
 */
export async function serveUntilStopped(platform: Platform, services: readonly Service[], logger: ConsoleLogger): Promise<void> {
  const { listenAddress } = platform.config;
  for (const { name, app, port } of services) {
    await app.listen(port, listenAddress);
    const url = `http://${urlHost(listenAddress)}:${port}`;
    logger.log({
      msg: 'listening',
      service: name,
      port,
      url,
      docs: `${url}/docs`,
      mode: platform.config.databaseUrl ? 'server' : 'embedded',
      listenAddress,
    });
  }
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.log({ msg: 'stopping', signal });
      await Promise.all(services.map(({ app }) => app.close()));
      await platform.close();
      logger.log({ msg: 'stopped' });
      process.exit(0);
    })());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** How this host reaches an address listened on: every address (0.0.0.0, ::) answers on loopback. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

export interface ServiceEntry {
  readonly name: string;
  readonly create: (platform: Platform) => Promise<INestApplication>;
  readonly port: (config: RuntimeConfig) => number;
}

/** An entry point: opens the platform from the environment, serves these services until stopped, or says why it could not start. */
export function runServices(process: string, services: readonly ServiceEntry[]): void {
  const logger = jsonLogger(process);
  (async () => {
    const config = runtimeConfig();
    const platform = await openPlatform(
      config,
      (message) => logger.warn(message),
      services.map((service) => service.name),
    );
    const apps = [];
    for (const { name, create, port } of services) apps.push({ name, app: await create(platform), port: port(config) });
    await serveUntilStopped(platform, apps, logger);
  })().catch((error: unknown) => {
    logger.error({ msg: 'failed to start', ...describeStartupFailure(error) });
    globalThis.process.exit(1);
  });
}
