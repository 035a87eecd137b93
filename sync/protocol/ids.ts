import { z } from 'zod';

/**
 * Identifiers shared by kiosk and county. Kiosks make ids offline, so every id here is either
 * random (UUIDv7) or built from something the kiosk was given at enrollment (its site code).
 */

/** UUIDv7: time-ordered, so ids sort roughly by creation and index well in PostgreSQL. */
export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const uuidV7 = z.string().regex(UUID_V7_PATTERN, 'expected a lowercase UUIDv7');

/** 12-digit 统计用区划代码 of a village (or town + 000). */
export const divisionCode = z.string().regex(/^\d{12}$/, 'expected a 12-digit division code');

/** 9-digit township code: the first 9 digits of a 12-digit division code. */
export const townCode = z.string().regex(/^\d{9}$/, 'expected a 9-digit town code');

/** 6-digit county code. */
export const countyCode = z.string().regex(/^\d{6}$/, 'expected a 6-digit county code');

/**
 * Site code printed in tracking numbers: the 12-digit division code plus a 2-digit terminal
 * number the county assigns at enrollment, so two kiosks in one village never collide.
 */
export const SITE_CODE_PATTERN = /^\d{14}$/;
export const siteCode = z.string().regex(SITE_CODE_PATTERN, 'expected a 14-digit site code');

/** Tracking number: `<site code>-<YYYYMMDD>-<4-digit local sequence>`, unique without coordination. */
export const TRACKING_NUMBER_PATTERN = /^(\d{14})-(\d{8})-(\d{4})$/;
export const trackingNumber = z.string().regex(TRACKING_NUMBER_PATTERN, 'expected SITE-YYYYMMDD-NNNN');

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

export function townOf(division: string): string {
  return division.slice(0, 9);
}

export function countyOf(division: string): string {
  return division.slice(0, 6);
}

/** Builds a tracking number; `day` is the kiosk's local calendar date (Asia/Shanghai). */
export function formatTrackingNumber(site: string, day: Date, sequence: number): string {
  if (!SITE_CODE_PATTERN.test(site)) throw new RangeError(`bad site code ${site}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`sequence ${sequence} outside 1..9999`);
  }
  const shanghai = new Date(day.getTime() + 8 * 3600_000);
  const ymd = shanghai.toISOString().slice(0, 10).replaceAll('-', '');
  return `${site}-${ymd}-${String(sequence).padStart(4, '0')}`;
}

export function parseTrackingNumber(value: string): { site: string; date: string; sequence: number } | null {
  const m = TRACKING_NUMBER_PATTERN.exec(value);
  if (!m) return null;
  return { site: m[1]!, date: m[2]!, sequence: Number(m[3]) };
}

/** Makes a UUIDv7 with WebCrypto randomness (works in Node 20 and in the renderer). */
export function newUuidV7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ts = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
