import { z } from 'zod';
import { divisionCode, siteCode } from './ids';

/**
 * Enrollment: county staff make a one-time code bound to a site; the kiosk makes a key pair and
 * redeems the code with its public key (POST /v1/enroll). The county stores public keys only.
 */

/** Crockford base32 without I, L, O, U: easy to read aloud and to type on a touch keyboard. */
export const ENROLLMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const enrollmentCode = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'expected a 12-character enrollment code'));

export const DEVICE_ALGORITHMS = ['ES256', 'EdDSA'] as const;
export const deviceAlgorithm = z.enum(DEVICE_ALGORITHMS);

/** A public JWK only: any private member ("d") is refused so a kiosk cannot leak its key to us. */
export const publicJwk = z
  .object({
    kty: z.enum(['EC', 'OKP']),
    crv: z.enum(['P-256', 'Ed25519']),
    x: z.string().min(16).max(200),
    y: z.string().min(16).max(200).optional(),
  })
  .strict();

export const enrollRequest = z.object({
  code: enrollmentCode,
  alg: deviceAlgorithm,
  publicKey: publicJwk,
  appVersion: z.string().max(40),
  /** Free text for the devices list, e.g. the machine's serial number. */
  label: z.string().max(80).optional(),
});
export type EnrollRequest = z.input<typeof enrollRequest>;

export const siteInfo = z.object({
  division: divisionCode,
  siteCode,
  siteName: z.string(),
  town: z.string(),
  county: z.string(),
  bundle: z.string(),
});
export type SiteInfo = z.infer<typeof siteInfo>;

export const enrollResponse = z.object({
  deviceId: z.string(),
  site: siteInfo,
  /** The `aud` every device token must carry. */
  audience: z.string(),
  /** Server clock, so a kiosk with a drifted RTC can sign tokens that verify. */
  serverTime: z.string(),
});
export type EnrollResponse = z.infer<typeof enrollResponse>;

/** Device tokens are JWTs signed by the device key; lifetime at most this many seconds. */
export const DEVICE_TOKEN_MAX_AGE_SECONDS = 300;
export const DEVICE_TOKEN_AUDIENCE = 'cunban-county';

export const deviceTokenClaims = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number(),
  exp: z.number(),
  jti: z.string().min(8).max(64),
});
export type DeviceTokenClaims = z.infer<typeof deviceTokenClaims>;

/** Error body of every 4xx from the gateway: a stable code for programs, words for people. */
export interface GatewayError {
  error: string;
  message: string;
  messageZh: string;
}
