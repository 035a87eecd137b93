import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ContractError } from '../../../contract/define';

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

/** Demo kiosks that were never given an admin PIN accept this one (and only in demo). */
export const DEMO_ADMIN_PIN = '0000';

export interface AdminPinSource {
  /** Read on every attempt: enrollment sets a new hash while the host runs. */
  pinHash: () => string | null;
  demo: () => boolean;
}

/**
 * The one admin PIN check of a kiosk, with one budget of guesses: the IT console's unlock and the
 * admin exit share it, so five wrong PINs at either door close both.
 */
export class AdminPinCheck {
  constructor(
    private source: AdminPinSource,
    private readonly limiter: AttemptLimiter = new AttemptLimiter(),
  ) {}

  /** Provisioning takes over the source once it holds the live config (a new PIN after enrollment). */
  takePinFrom(source: AdminPinSource): void {
    this.source = source;
  }

  /** Resolves when the PIN is right; otherwise throws `forbidden` with the reason. */
  async check(pin: string): Promise<void> {
    const wait = this.limiter.blockedForMs();
    if (wait > 0)
      throw new ContractError('forbidden', `too many attempts; try again in ${Math.ceil(wait / 1000)} s`);
    const stored = this.source.pinHash();
    const valid = stored ? await verifyPin(pin, stored) : this.source.demo() && pin === DEMO_ADMIN_PIN;
    if (!valid) {
      this.limiter.fail();
      throw new ContractError('forbidden', 'wrong admin PIN');
    }
    this.limiter.reset();
  }
}
