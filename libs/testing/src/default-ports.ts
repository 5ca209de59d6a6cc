import { createServer, type Server } from 'node:net';

/** The services' default ports (3001..3004). */
export const DEFAULT_SERVICE_PORTS = [3001, 3002, 3003, 3004];

/**
 * Holds the default ports for the whole test run, so a test that leans on them, instead of asking the system
 * for free ports, fails here as it would on a machine where another program holds them. A port already held
 * by another program serves as well. Resolves with the release.
 */
export async function holdDefaultPorts(): Promise<() => Promise<void>> {
  const servers: Server[] = [];
  for (const port of DEFAULT_SERVICE_PORTS) {
    const server = createServer();
    const held = await new Promise<boolean>((resolveHeld) => {
      server.once('error', () => resolveHeld(false));
      server.listen(port, '127.0.0.1', () => resolveHeld(true));
    });
    if (held) servers.push(server);
  }
  return async () => {
    await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  };
}
