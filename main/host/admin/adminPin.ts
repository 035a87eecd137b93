import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64): stored in the kiosk config, never the PIN itself. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Admin entry is rate-limited: after `maxAttempts` failures within the window, every attempt is
 * refused until the window has passed, so a villager cannot guess the PIN at the screen.
 */
export class AttemptLimiter {
  private failures: number[] = [];

  constructor(
    private readonly maxAttempts = 5,
    private readonly windowMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  blockedForMs(): number {
    const t = this.now();
    this.failures = this.failures.filter((f) => t - f < this.windowMs);
    if (this.failures.length < this.maxAttempts) return 0;
    return this.windowMs - (t - this.failures[0]!);
  }

  fail(): void {
    this.failures.push(this.now());
  }

  reset(): void {
    this.failures = [];
  }
}
