import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, SEALED_VERSION, SealError, seal, sealerFor } from './sealedBox';

const key = randomBytes(32);

function expectSealError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SealError);
    expect((err as SealError).code).toBe(code);
    return;
  }
  throw new Error('expected a SealError');
}

describe('sealedBox', () => {
  it('round-trips with and without additional data, with a fresh nonce each time', () => {
    const text = Buffer.from('户口簿 page bytes');
    const a = seal(key, text);
    const b = seal(key, text);
    expect(a[0]).toBe(SEALED_VERSION);
    expect(a.length).toBe(1 + 12 + text.length + 16);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(open(key, a).toString()).toBe('户口簿 page bytes');
    const aad = Buffer.from('sha256:abc');
    expect(open(key, seal(key, text, aad), aad).equals(text)).toBe(true);
  });

  it('rejects a flipped bit anywhere, a wrong key, a wrong context, truncation and unknown versions', () => {
    const sealed = seal(key, Buffer.from('secret'), Buffer.from('ctx'));
    for (const index of [1, 13, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[index]! ^= 0x01;
      expectSealError(() => open(key, bad, Buffer.from('ctx')), 'tampered');
    }
    expectSealError(() => open(randomBytes(32), sealed, Buffer.from('ctx')), 'tampered');
    expectSealError(() => open(key, sealed, Buffer.from('other')), 'tampered');
    expectSealError(() => open(key, sealed.subarray(0, 20)), 'truncated');
    const future = Buffer.from(sealed);
    future[0] = 9;
    expectSealError(() => open(key, future, Buffer.from('ctx')), 'unknown-version');
    expectSealError(() => seal(randomBytes(16), Buffer.from('x')), 'bad-key');
  });

  it('sealerFor keeps its own copy of the key', () => {
    const mutable = Buffer.from(key);
    const sealer = sealerFor(mutable);
    const sealed = sealer.seal(Buffer.from('x'));
    mutable.fill(0);
    expect(sealer.open(sealed).toString()).toBe('x');
  });
});
