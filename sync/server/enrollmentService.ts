import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { z } from 'zod';
import { ENROLLMENT_CODE_ALPHABET, type EnrollResponse, type enrollRequest } from '../protocol/enrollment';
import { countyOf, townOf } from '../protocol/ids';
import type { Database } from './database';
import { writeDocuments } from './documentStore';
import { HttpError } from './gatewayErrors';

/**
 * One-time enrollment codes. A code is shown once (with a QR) and only its hash is stored; it
 * binds the kiosk to a site and expires. Redeeming it records the kiosk's public key.
 */
export interface CreateCodeInput {
  division: string;
  siteName: string;
  bundle: string;
  createdBy: string;
  ttlMinutes?: number;
}

export interface CreatedCode {
  code: string;
  /** Grouped for reading aloud: XXXX-XXXX-XXXX. */
  display: string;
  expiresAt: string;
  /** What the QR encodes: the kiosk's provisioning screen parses it. */
  qrPayload: string;
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function newCode(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => ENROLLMENT_CODE_ALPHABET[b % 32]).join('');
}

export async function createEnrollmentCode(
  db: Database,
  input: CreateCodeInput,
  gatewayUrl: string,
): Promise<CreatedCode> {
  if (!/^\d{12}$/.test(input.division))
    throw new HttpError(400, 'bad_division', 'division must be 12 digits', '区划代码应为12位数字。');
  const code = newCode();
  const ttl = Math.min(Math.max(input.ttlMinutes ?? 7 * 24 * 60, 1), 30 * 24 * 60);
  const expiresAt = new Date(Date.now() + ttl * 60_000);
  await db.query(
    `INSERT INTO enrollment_codes (code_hash, division, site_name, bundle, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [hashCode(code), input.division, input.siteName, input.bundle, input.createdBy, expiresAt.toISOString()],
  );
  const display = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  const qrPayload = `cunban-enroll:${JSON.stringify({ url: gatewayUrl, code: display })}`;
  return { code, display, expiresAt: expiresAt.toISOString(), qrPayload };
}

const DEFAULT_SETTINGS = {
  openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
  idleTimeoutSeconds: 90,
};

const ENROLL_LOCK = 7_272_000;

export async function redeemEnrollmentCode(
  db: Database,
  body: z.output<typeof enrollRequest>,
  audience: string,
): Promise<EnrollResponse> {
  return db.transaction(async (tx) => {
    // Serialises enrollments so terminal numbers per village are handed out once.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ENROLL_LOCK]);
    const row = (
      await tx.query<{
        division: string;
        site_name: string;
        bundle: string;
        expires_at: string | Date;
        used_at: unknown;
      }>(
        'SELECT division, site_name, bundle, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
        [hashCode(body.code)],
      )
    ).rows[0];
    if (!row)
      throw new HttpError(404, 'code_unknown', 'enrollment code not found', '开通码不对，请核对后重新输入。');
    if (row.used_at)
      throw new HttpError(
        409,
        'code_used',
        'enrollment code was already used',
        '这个开通码已经用过了，请向县里申请新的开通码。',
      );
    if (new Date(row.expires_at).getTime() < Date.now()) {
      throw new HttpError(
        410,
        'code_expired',
        'enrollment code expired',
        '这个开通码已过期，请向县里申请新的开通码。',
      );
    }
    const taken = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM devices WHERE division = $1',
      [row.division],
    );
    const terminal = (taken.rows[0]?.n ?? 0) + 1;
    if (terminal > 99)
      throw new HttpError(409, 'site_full', 'too many terminals at this site', '这个村的设备数量已满。');
    const siteCode = `${row.division}${String(terminal).padStart(2, '0')}`;
    // Device id: derived from the key (thumbprint) plus randomness, so it reveals nothing.
    const thumb = await calculateJwkThumbprint(body.publicKey);
    const deviceId = `dev_${thumb.slice(0, 10)}${randomUUID().slice(0, 8)}`;
    await tx.query(
      `INSERT INTO devices (id, division, site_code, site_name, bundle, alg, public_jwk, label, app_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      [
        deviceId,
        row.division,
        siteCode,
        row.site_name,
        row.bundle,
        body.alg,
        JSON.stringify(body.publicKey),
        body.label ?? null,
        body.appVersion,
      ],
    );
    await tx.query('UPDATE enrollment_codes SET used_at = now(), device_id = $2 WHERE code_hash = $1', [
      hashCode(body.code),
      deviceId,
    ]);
    const services = await tx.query<{ id: string }>(
      "SELECT id FROM documents WHERE collection = 'services' AND deleted = false ORDER BY id",
    );
    await writeDocuments(tx, db.changeChannel, 'settings', [
      {
        id: deviceId,
        scopes: [`device:${deviceId}`],
        body: {
          id: deviceId,
          ...DEFAULT_SETTINGS,
          enabledServices: services.rows.map((s) => s.id),
          updatedAt: new Date().toISOString(),
          _deleted: false,
        },
      },
    ]);
    return {
      deviceId,
      site: {
        division: row.division,
        siteCode,
        siteName: row.site_name,
        town: townOf(row.division),
        county: countyOf(row.division),
        bundle: row.bundle,
      },
      audience,
      serverTime: new Date().toISOString(),
    };
  });
}
