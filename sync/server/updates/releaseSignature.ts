// Release signatures. The county's release machine signs, with an Ed25519 key kept off the gateway,
// one line per artifact naming its SHA-512; kiosks and the deb root helper check it against the
// public key shipped inside the package. This is what stops a compromised gateway folder — or a
// compromised kiosk account calling the root helper — from installing a package of its own making.
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';

/** The exact bytes signed. The deb root helper (build/linux/cunban-install-update) rebuilds the same line. */
export const signatureStatement = (sha512Hex: string) => `cunban-update-v1 sha512=${sha512Hex}\n`;

export function signRelease(sha512Base64: string, privateKey: KeyObject): string {
  const hex = Buffer.from(sha512Base64, 'base64').toString('hex');
  return sign(null, Buffer.from(signatureStatement(hex)), privateKey).toString('base64');
}

export function loadSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release signing key must be Ed25519');
  return key;
}
