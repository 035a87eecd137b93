import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './database';
import { HttpError } from './gatewayErrors';

/**
 * County staff accounts: scrypt password hashes, server-side sessions in an HttpOnly cookie
 * (only a hash of the session token is stored), lockout after repeated failures.
 */
export interface StaffSession {
  staffId: string;
  username: string;
  displayName: string;
  role: 'admin' | 'clerk';
}

export const SESSION_COOKIE = 'cunban_staff';
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
const SESSION_HOURS = 12;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, , , , salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createStaff(
  db: Queryable,
  input: { username: string; displayName: string; password: string; role: 'admin' | 'clerk' },
): Promise<string> {
  const id = `staff_${randomUUID()}`;
  await db.query(
    'INSERT INTO staff (id, username, display_name, password_hash, role) VALUES ($1, $2, $3, $4, $5)',
    [id, input.username, input.displayName, await hashPassword(input.password), input.role],
  );
  return id;
}

/** Creates the first admin when there is no staff yet; returns its generated password once. */
export async function ensureFirstAdmin(
  db: Queryable,
): Promise<{ username: string; password: string } | null> {
  const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff');
  if ((n.rows[0]?.n ?? 0) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await createStaff(db, { username: 'admin', displayName: '管理员', password, role: 'admin' });
  return { username: 'admin', password };
}

const badLogin = () =>
  new HttpError(401, 'bad_credentials', 'wrong username or password', '用户名或密码不对。');

export async function login(
  db: Queryable,
  username: string,
  password: string,
): Promise<{ token: string; session: StaffSession }> {
  const row = (
    await db.query<{
      id: string;
      display_name: string;
      password_hash: string;
      role: 'admin' | 'clerk';
      failed_attempts: number;
      locked_until: string | Date | null;
    }>(
      'SELECT id, display_name, password_hash, role, failed_attempts, locked_until FROM staff WHERE username = $1',
      [username],
    )
  ).rows[0];
  if (!row) {
    // Same work as a real check, so response time does not reveal which usernames exist.
    await verifyPassword(
      password,
      'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    throw badLogin();
  }
  if (row.locked_until && new Date(row.locked_until).getTime() > Date.now()) {
    throw new HttpError(
      423,
      'account_locked',
      'too many failed attempts; try later',
      `密码错误次数太多，请${LOCKOUT_MINUTES}分钟后再试。`,
    );
  }
  if (!(await verifyPassword(password, row.password_hash))) {
    const failed = row.failed_attempts + 1;
    const lock =
      failed >= MAX_FAILED_ATTEMPTS ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db.query('UPDATE staff SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [
      row.id,
      lock ? 0 : failed,
      lock,
    ]);
    throw badLogin();
  }
  await db.query('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [row.id]);
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO staff_sessions (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash(token),
    row.id,
    new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString(),
  ]);
  return { token, session: { staffId: row.id, username, displayName: row.display_name, role: row.role } };
}

export async function sessionFromToken(db: Queryable, token: string | undefined): Promise<StaffSession> {
  if (!token) throw new HttpError(401, 'not_signed_in', 'staff session required', '请先登录。');
  const row = (
    await db.query<{ id: string; username: string; display_name: string; role: 'admin' | 'clerk' }>(
      `SELECT s.id, s.username, s.display_name, s.role FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
        WHERE ss.token_hash = $1 AND ss.expires_at > now()`,
      [tokenHash(token)],
    )
  ).rows[0];
  if (!row) throw new HttpError(401, 'session_expired', 'staff session expired', '登录已过期，请重新登录。');
  return { staffId: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

export async function logout(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Every staff action lands here; the console shows it as the audit log. */
export async function recordStaffAction(
  db: Queryable,
  staff: StaffSession | null,
  action: string,
  target: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    'INSERT INTO staff_audit (staff_id, username, action, target, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [staff?.staffId ?? null, staff?.username ?? 'cli', action, target, JSON.stringify(details)],
  );
}
