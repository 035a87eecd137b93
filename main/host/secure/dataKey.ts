import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomicFile';
import { KEY_BYTES } from './sealedBox';

/** Where the kiosk's data key comes from. One key per kiosk, fetched once and kept in memory. */
export interface DataKeyProvider {
  getKey(): Promise<Buffer>;
}

export type DataKeyErrorCode = 'insecure-permissions' | 'corrupt' | 'unavailable';

export class DataKeyError extends Error {
  constructor(
    readonly code: DataKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/**
 * The subset of Electron's `safeStorage` this module needs. The Electron shell passes the real
 * one; everything else (tests, the browser host) passes a fake or uses the key file.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Refuse key files that other local users could read: the key is the whole protection. */
async function checkPrivate(path: string): Promise<void> {
  if (process.platform === 'win32') return; // POSIX modes mean nothing there; ACLs guard the profile.
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new DataKeyError(
      'insecure-permissions',
      `data key file ${path} has mode ${(info.mode & 0o777).toString(8)}; it must be 600 (chmod 600 ${path})`,
    );
  }
}

function once(load: () => Promise<Buffer>): DataKeyProvider {
  let pending: Promise<Buffer> | undefined;
  return {
    getKey() {
      pending ??= load().catch((err) => {
        pending = undefined; // a fixed permission problem should not need a restart
        throw err;
      });
      return pending;
    },
  };
}

/** A raw 32-byte key in a 0600 file, created on first use. */
export function keyFileDataKey(path: string): DataKeyProvider {
  return once(async () => {
    const existing = await readIfPresent(path);
    if (existing) {
      await checkPrivate(path);
      if (existing.length !== KEY_BYTES) {
        throw new DataKeyError(
          'corrupt',
          `data key file ${path} holds ${existing.length} bytes, expected ${KEY_BYTES}`,
        );
      }
      return existing;
    }
    const key = randomBytes(KEY_BYTES);
    await writeFileAtomic(path, key, 0o600);
    return key;
  });
}

/**
 * A random key wrapped by the OS keystore (Electron safeStorage: DPAPI / Keychain / libsecret).
 * The file holds only the wrapped form; it is still written 0600 so a mistake in the keystore
 * setup does not expose more than necessary.
 */
export function safeStorageDataKey(path: string, safeStorage: SafeStorageLike): DataKeyProvider {
  return once(async () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new DataKeyError('unavailable', 'OS key storage is not available; cannot unwrap the data key');
    }
    const existing = await readIfPresent(path);
    if (existing) {
      await checkPrivate(path);
      let key: Buffer;
      try {
        key = Buffer.from(safeStorage.decryptString(existing), 'base64');
      } catch {
        throw new DataKeyError('corrupt', `wrapped data key in ${path} could not be unwrapped`);
      }
      if (key.length !== KEY_BYTES)
        throw new DataKeyError('corrupt', `wrapped data key in ${path} is malformed`);
      return key;
    }
    const key = randomBytes(KEY_BYTES);
    await writeFileAtomic(path, safeStorage.encryptString(key.toString('base64')), 0o600);
    return key;
  });
}
