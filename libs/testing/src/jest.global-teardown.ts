import { endLeftoverProcesses } from './test-run';

/** Gives back the default ports the global setup held, and ends the service processes a failed suite left running. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.releaseDefaultPorts?.();
  const leftovers = endLeftoverProcesses();
  if (leftovers.length > 0) console.log(`\nended ${leftovers.length} service processes a suite left running: ${leftovers.join(', ')}`);
}
