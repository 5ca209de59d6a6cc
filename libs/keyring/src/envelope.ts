import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { SealedPartMisplacedError, type SealedPart, type SealedPlace } from '@privacy-ledger/ledger';

const FORMAT = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The personal part of an event: [format][subject id length][subject id][iv][tag][ciphertext]. The
 * header names the subject in clear, so the part alone tells which key opens it; the authenticated data
 * covers the header and the part's place (stream and event id), so it opens nowhere else.
 */
export function seal(subjectId: string, key: Buffer, plaintext: Buffer, place: SealedPlace): Buffer {
  const header = headerOf(subjectId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(header, place));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

export function subjectOf(sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < 3 || bytes[0] !== FORMAT) throw new Error('not a sealed personal part');
  const length = bytes.readUInt16BE(1);
  return bytes.subarray(3, 3 + length).toString('utf8');
}

/** Throws when the key or the place is not the one the part was sealed with. */
export function open(sealed: Uint8Array, key: Buffer, place: SealedPlace): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const headerLength = 3 + bytes.readUInt16BE(1);
  const iv = bytes.subarray(headerLength, headerLength + IV_BYTES);
  const tag = bytes.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aadOf(bytes.subarray(0, headerLength), place));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(headerLength + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

function headerOf(subjectId: string): Buffer {
  const id = Buffer.from(subjectId, 'utf8');
  const header = Buffer.alloc(3 + id.length);
  header[0] = FORMAT;
  header.writeUInt16BE(id.length, 1);
  id.copy(header, 3);
  return header;
}

function aadOf(header: Buffer, { streamId, eventId }: SealedPlace): Buffer {
  return Buffer.concat([header, Buffer.from(JSON.stringify(['personal', streamId, eventId]), 'utf8')]);
}

/** Opens a part whose key is known: its value, or SealedPartMisplacedError naming the event it was found in. */
export function openValue<T>({ sealed, place, accountId }: SealedPart, key: Buffer, keyAccountId: string): T {
  if (accountId !== undefined && accountId !== keyAccountId) throw new SealedPartMisplacedError(place);
  let plaintext: Buffer;
  try {
    plaintext = open(sealed, key, place);
  } catch {
    throw new SealedPartMisplacedError(place);
  }
  return JSON.parse(plaintext.toString('utf8')) as T;
}

/** A keyed MAC of a value under a key derived from a subject's data key, so it lives and dies with that key. */
export function macUnder(dataKey: Buffer, value: string): string {
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'privacy-ledger keyed mac', 32));
  return createHmac('sha256', macKey).update(value, 'utf8').digest('base64url');
}
