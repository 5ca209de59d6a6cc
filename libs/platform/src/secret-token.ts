import { createHash, randomBytes } from 'node:crypto';

/** A single-use secret for a link or a message: 256 random bits, URL-safe. */
export const newSecretToken = () => randomBytes(32).toString('base64url');

/** What is stored of a secret token: its SHA-256, never the token. */
export const hashOfToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
