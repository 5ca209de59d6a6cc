import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * Data keys are wrapped to an epoch's X25519 public key (an ephemeral agreement, HKDF, AES-256-GCM):
 * any process can wrap a new key knowing only the public half, and only the holder of the private half,
 * the KEK store, can unwrap it. The authenticated data binds a wrapped key to its owner, subject and epoch.
 */
const FORMAT = 2;
const PUBLIC_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = Buffer.from('privacy-ledger data-key wrap v2');

export interface KekPair {
  /** Raw X25519 public key, 32 bytes: stored in the database, not secret. */
  readonly publicKey: Buffer;
  /** PKCS#8 DER of the private key: only ever in the KEK store. */
  readonly privateKey: Buffer;
}

export interface WrapBinding {
  readonly owner: string;
  readonly subjectId: string;
  readonly epoch: number;
}

export function newKekPair(): KekPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

/** A secret of an epoch for one purpose: whoever lacks the epoch's private key cannot make it, and it goes with that key. */
export function epochSecret(privateKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', privateKey, Buffer.alloc(0), `privacy-ledger epoch secret: ${purpose}`, 32));
}

/** The public half of a stored private key: how a KEK is checked against the database's record of its epoch. */
export function publicKeyOf(privateKey: Buffer): Buffer {
  return rawPublicKey(createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })));
}

export function wrapDataKey(recipient: Buffer, dataKey: Buffer, binding: WrapBinding): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublicKey(ephemeral.publicKey);
  const key = derive(
    diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyFromRaw(recipient) }),
    ephemeralPublic,
    recipient,
  );
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(binding));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), ephemeralPublic, iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the private key, or the binding, is not the one the key was wrapped for. */
export function unwrapDataKey(privateKey: Buffer, wrapped: Uint8Array, binding: WrapBinding): Buffer {
  const bytes = Buffer.from(wrapped);
  if (bytes[0] !== FORMAT) throw new Error('not a wrapped data key');
  const ephemeralPublic = bytes.subarray(1, 1 + PUBLIC_BYTES);
  const iv = bytes.subarray(1 + PUBLIC_BYTES, 1 + PUBLIC_BYTES + IV_BYTES);
  const tag = bytes.subarray(1 + PUBLIC_BYTES + IV_BYTES, 1 + PUBLIC_BYTES + IV_BYTES + TAG_BYTES);
  const ownPrivate = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  const secret = diffieHellman({ privateKey: ownPrivate, publicKey: publicKeyFromRaw(ephemeralPublic) });
  const decipher = createDecipheriv('aes-256-gcm', derive(secret, ephemeralPublic, rawPublicKey(createPublicKey(ownPrivate))), iv);
  decipher.setAAD(aadOf(binding));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(1 + PUBLIC_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

function derive(secret: Buffer, ephemeralPublic: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([ephemeralPublic, recipient]), INFO, 32));
}

function aadOf({ owner, subjectId, epoch }: WrapBinding): Buffer {
  return Buffer.from(JSON.stringify(['data-key', owner, subjectId, epoch]), 'utf8');
}

function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}
