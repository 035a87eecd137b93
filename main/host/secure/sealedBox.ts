import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelope for data at rest (outbox pages now, the journal later).
 *
 * Layout: [version:1][nonce:12][ciphertext:n][tag:16]. The version byte is authenticated too
 * (it is fed to GCM as part of the additional data), so a downgrade cannot go unnoticed.
 * Nonces are random: with one key per kiosk and far fewer than 2^32 seals, the collision risk
 * of 96-bit random nonces stays negligible (NIST SP 800-38D §8.3).
 */
export const SEALED_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;
export const KEY_BYTES = 32;

export type SealErrorCode = 'bad-key' | 'truncated' | 'unknown-version' | 'tampered';

/** Why sealed bytes could not be opened; never carries the plaintext. */
export class SealError extends Error {
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new SealError('bad-key', `data key must be ${KEY_BYTES} bytes`);
}

function additionalData(version: number, aad: Uint8Array | undefined): Buffer {
  return Buffer.concat([Buffer.from([version]), aad ?? Buffer.alloc(0)]);
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Buffer {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(SEALED_VERSION, aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([SEALED_VERSION]), nonce, body, cipher.getAuthTag()]);
}

export function open(key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Buffer {
  checkKey(key);
  if (sealed.length < HEADER_BYTES + TAG_BYTES) {
    throw new SealError(
      'truncated',
      `sealed data is ${sealed.length} bytes, shorter than any valid envelope`,
    );
  }
  const version = sealed[0]!;
  if (version !== SEALED_VERSION) {
    throw new SealError('unknown-version', `sealed data has version ${version}, expected ${SEALED_VERSION}`);
  }
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const nonce = buf.subarray(1, HEADER_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const body = buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(version, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealError(
      'tampered',
      'sealed data failed authentication (wrong key, wrong context or altered bytes)',
    );
  }
}

/** Binds a key so callers (outbox, journal) never handle raw key bytes themselves. */
export interface Sealer {
  seal(plaintext: Uint8Array, aad?: Uint8Array): Buffer;
  open(sealed: Uint8Array, aad?: Uint8Array): Buffer;
}

export function sealerFor(key: Uint8Array): Sealer {
  checkKey(key);
  const copy = Buffer.from(key);
  return {
    seal: (plaintext, aad) => seal(copy, plaintext, aad),
    open: (sealed, aad) => open(copy, sealed, aad),
  };
}
