/** Gives back the default ports the global setup held. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.releaseDefaultPorts?.();
}
