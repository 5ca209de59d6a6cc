import { ConsoleLogger } from '@nestjs/common';

/**
 * Structured JSON lines. Callers log identifiers, types and outcomes only; personal data never reaches a
 * logger (the keyring's blobs and the HTTP bodies are never logged).
 */
export function jsonLogger(service: string): ConsoleLogger {
  return new ConsoleLogger(service, { json: true, colors: false, logLevels: ['log', 'error', 'warn'] });
}
