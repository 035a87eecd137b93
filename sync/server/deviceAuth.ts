import { type CryptoKey, decodeProtectedHeader, errors, importJWK, type JWK, jwtVerify } from 'jose';
import { DEVICE_TOKEN_MAX_AGE_SECONDS } from '../protocol/enrollment';
import type { Queryable } from './database';
import type { DeviceIdentity } from './deviceIdentity';
import { forbidden, unauthorized } from './gatewayErrors';

/**
 * Verifies the short-lived JWT a kiosk signs with its own key for every request. The device row
 * is read on each request, so revoking a device cuts it off at its next request on every node;
 * only the imported public key (immutable per device) is cached.
 */
export interface DeviceAuthOptions {
  audience: string;
  /** Allowed clock difference; kiosks correct their clock from our Date header. */
  clockToleranceSeconds?: number;
}

interface DeviceRow {
  id: string;
  division: string;
  site_code: string;
  site_name: string;
  bundle: string;
  alg: string;
  public_jwk: JWK;
  revoked_at: Date | string | null;
}

export class DeviceAuthenticator {
  private readonly keys = new Map<string, CryptoKey | Uint8Array>();
  /** jti → expiry (ms). A token is accepted once per node; tokens live minutes, so this stays small. */
  private readonly seen = new Map<string, number>();
  private lastPrune = Date.now();

  constructor(
    private readonly db: Queryable,
    private readonly options: DeviceAuthOptions,
  ) {}

  async authenticate(token: string | undefined): Promise<DeviceIdentity> {
    if (!token) throw unauthorized('missing_token', 'no device token');
    let kid: string | undefined;
    let alg: string | undefined;
    try {
      ({ kid, alg } = decodeProtectedHeader(token));
    } catch {
      throw unauthorized('malformed_token', 'device token is not a JWT');
    }
    if (!kid || kid.length > 64) throw unauthorized('malformed_token', 'device token has no kid');
    const row = (
      await this.db.query<DeviceRow>(
        'SELECT id, division, site_code, site_name, bundle, alg, public_jwk, revoked_at FROM devices WHERE id = $1',
        [kid],
      )
    ).rows[0];
    if (!row) throw unauthorized('unknown_device', 'device is not enrolled');
    if (row.revoked_at) {
      throw forbidden('device_revoked', 'device was revoked', '这台设备已被县里停用，请联系县里的技术人员。');
    }
    if (alg !== row.alg)
      throw unauthorized('bad_algorithm', 'token algorithm does not match the enrolled key');
    let key = this.keys.get(row.id);
    if (!key) {
      key = await importJWK(row.public_jwk, row.alg);
      this.keys.set(row.id, key);
    }
    const tolerance = this.options.clockToleranceSeconds ?? 60;
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, key, {
        audience: this.options.audience,
        algorithms: [row.alg],
        subject: row.id,
        maxTokenAge: DEVICE_TOKEN_MAX_AGE_SECONDS,
        clockTolerance: tolerance,
        requiredClaims: ['iat', 'exp', 'jti'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('token_expired', 'device token expired');
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw unauthorized('bad_signature', 'device token signature does not verify');
      }
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw unauthorized('bad_claims', `device token claim ${error.claim} failed: ${error.reason}`);
      }
      throw unauthorized('malformed_token', 'device token could not be verified');
    }
    const exp = payload.exp!;
    if (exp - payload.iat! > DEVICE_TOKEN_MAX_AGE_SECONDS) {
      throw unauthorized('token_too_long', 'device token lifetime exceeds the limit');
    }
    this.rememberJti(`${row.id}:${payload.jti}`, (exp + tolerance) * 1000);
    return {
      id: row.id,
      division: row.division,
      siteCode: row.site_code,
      siteName: row.site_name,
      bundle: row.bundle,
    };
  }

  private rememberJti(key: string, expiresAt: number): void {
    const now = Date.now();
    if (now - this.lastPrune > 30_000) {
      for (const [k, t] of this.seen) if (t < now) this.seen.delete(k);
      this.lastPrune = now;
    }
    if (this.seen.has(key)) throw unauthorized('token_replayed', 'device token was already used');
    this.seen.set(key, expiresAt);
  }
}

/** Reads `Authorization: Bearer …`, or `access_token` for EventSource (which cannot set headers). */
export function tokenFromRequest(headers: Record<string, unknown>, query: unknown): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const q = query as Record<string, unknown> | undefined;
  return typeof q?.access_token === 'string' ? q.access_token : undefined;
}
