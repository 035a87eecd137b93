import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, signatureStatement, signRelease } from './releaseSignature';

describe('release signatures', () => {
  it('signs the statement line naming the artifact sha512 in hex', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const sha512 = Buffer.alloc(64, 0xab).toString('base64');
    const signature = signRelease(sha512, privateKey);
    const line = signatureStatement('ab'.repeat(64));
    expect(line).toBe(`cunban-update-v1 sha512=${'ab'.repeat(64)}\n`);
    expect(verify(null, Buffer.from(line), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(signatureStatement('cd'.repeat(64))),
        publicKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(false);
  });

  it('accepts only an Ed25519 private key', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadSigningKey(ed).asymmetricKeyType).toBe('ed25519');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => loadSigningKey(ec.toString())).toThrow(/Ed25519/);
  });
});
