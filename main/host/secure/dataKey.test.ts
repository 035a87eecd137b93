import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataKeyError, keyFileDataKey, type SafeStorageLike, safeStorageDataKey } from './dataKey';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cunban-key-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** Stands in for Electron's safeStorage: a reversible wrap that is visibly not the plain key. */
function fakeSafeStorage(available = true): SafeStorageLike & { wraps: number } {
  const fake = {
    wraps: 0,
    isEncryptionAvailable: () => available,
    encryptString(plain: string) {
      fake.wraps++;
      return Buffer.from(`wrapped:${Buffer.from(plain).reverse().toString('hex')}`);
    },
    decryptString(encrypted: Buffer) {
      const text = encrypted.toString();
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return Buffer.from(text.slice(8), 'hex').reverse().toString();
    },
  };
  return fake;
}

describe('keyFileDataKey', () => {
  it('creates a 0600 key on first use and loads the same key later', async () => {
    const path = join(dir, 'data.key');
    const key = await keyFileDataKey(path).getKey();
    expect(key.length).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await keyFileDataKey(path).getKey()).equals(key)).toBe(true);
  });

  it('refuses a world-readable key with a clear error and recovers once fixed', async () => {
    const path = join(dir, 'data.key');
    await keyFileDataKey(path).getKey();
    await chmod(path, 0o644);
    const provider = keyFileDataKey(path);
    const err = await provider.getKey().catch((e) => e);
    expect(err).toBeInstanceOf(DataKeyError);
    expect(err.code).toBe('insecure-permissions');
    expect(err.message).toMatch(/chmod 600/);
    await chmod(path, 0o600);
    expect((await provider.getKey()).length).toBe(32);
  });

  it('refuses a key file of the wrong size', async () => {
    const path = join(dir, 'data.key');
    await writeFile(path, Buffer.alloc(7), { mode: 0o600 });
    await expect(keyFileDataKey(path).getKey()).rejects.toMatchObject({ code: 'corrupt' });
  });
});

describe('safeStorageDataKey', () => {
  it('stores only the wrapped key and unwraps it on the next start', async () => {
    const path = join(dir, 'data.key.wrapped');
    const storage = fakeSafeStorage();
    const key = await safeStorageDataKey(path, storage).getKey();
    const onDisk = await readFile(path);
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.toString()).toMatch(/^wrapped:/);
    expect((await safeStorageDataKey(path, storage).getKey()).equals(key)).toBe(true);
    expect(storage.wraps).toBe(1);
  });

  it('reports unavailable key storage and garbage in the file as typed errors', async () => {
    const path = join(dir, 'data.key.wrapped');
    await expect(safeStorageDataKey(path, fakeSafeStorage(false)).getKey()).rejects.toMatchObject({
      code: 'unavailable',
    });
    await writeFile(path, 'garbage', { mode: 0o600 });
    await expect(safeStorageDataKey(path, fakeSafeStorage()).getKey()).rejects.toMatchObject({
      code: 'corrupt',
    });
  });
});
