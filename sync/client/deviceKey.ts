import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { DEVICE_TOKEN_AUDIENCE } from '../protocol/enrollment';

/**
 * The kiosk's identity: an ES256 key pair made on the kiosk. The private JWK is for the host's
 * encrypted config only; the county only ever sees the public half.
 */
export interface DeviceKeyMaterial {
  alg: 'ES256';
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createDeviceKey(): Promise<DeviceKeyMaterial> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { alg: 'ES256', privateJwk: await exportJWK(privateKey), publicJwk: pickPublic(publicJwk) };
}

function pickPublic(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/**
 * Signs one token per request (fresh jti: the gateway refuses replays). `clockOffsetMs` is
 * server time minus local time, learned from responses, so a drifted RTC still verifies.
 */
export class DeviceSigner {
  private key: Awaited<ReturnType<typeof importJWK>> | null = null;
  clockOffsetMs = 0;

  constructor(
    private readonly material: DeviceKeyMaterial,
    readonly deviceId: string,
    private readonly audience: string = DEVICE_TOKEN_AUDIENCE,
    private readonly lifetimeSeconds = 120,
  ) {}

  async token(): Promise<string> {
    this.key ??= await importJWK(this.material.privateJwk, this.material.alg);
    const now = Math.floor((Date.now() + this.clockOffsetMs) / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: this.material.alg, kid: this.deviceId, typ: 'JWT' })
      .setIssuer(this.deviceId)
      .setSubject(this.deviceId)
      .setAudience(this.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.lifetimeSeconds)
      .setJti(globalThis.crypto.randomUUID())
      .sign(this.key);
  }

  /** Learns the server's clock from a response's Date header (1 s resolution is plenty). */
  observeServerDate(dateHeader: string | null): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (!Number.isNaN(server)) this.clockOffsetMs = server - Date.now();
  }
}
