// Kiosk-side check of the county's Ed25519 release signature (made by scripts/release-update.ts
// --signing-key). The statement format must match sync/server/updates/releaseSignature.ts and the
// deb root helper; scripts/release-update.test.ts checks all three agree.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

const statement = (sha512Hex: string) => `cunban-update-v1 sha512=${sha512Hex}\n`;

export function releasePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release public key must be Ed25519');
  return key;
}

/** True when `signatureBase64` signs the artifact whose SHA-512 is `sha512Base64`. */
export function isReleaseSignatureValid(
  sha512Base64: string,
  signatureBase64: string | undefined,
  publicKey: KeyObject,
): boolean {
  if (!signatureBase64) return false;
  const hex = Buffer.from(sha512Base64, 'base64').toString('hex');
  try {
    return verify(null, Buffer.from(statement(hex)), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
