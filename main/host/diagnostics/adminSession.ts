import { ContractError } from '../../../contract/define';
import { AttemptLimiter, verifyPin } from '../admin/adminPin';

/** Demo kiosks that were never given an admin PIN accept this one (and only in demo), as admin.exit does. */
const DEMO_ADMIN_PIN = '0000';

export interface AdminSessionOptions {
  /** Read on every attempt: enrollment sets a new hash before the host restarts. */
  pinHash: () => string | null;
  demo: () => boolean;
  idleMs?: number;
  limiter?: AttemptLimiter;
  now?: () => number;
  onLocked?: (reason: 'timeout' | 'lock') => void;
}

/**
 * The IT session behind the hidden corner: unlocked with the admin PIN, rate-limited (five
 * failures block every attempt for five minutes, so the PIN cannot be guessed at the screen) and
 * closed after a few idle minutes so a console left open does not stay open for the next villager.
 */
export class AdminSession {
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly limiter: AttemptLimiter;
  private readonly now: () => number;
  private readonly idleMs: number;

  constructor(private readonly options: AdminSessionOptions) {
    this.limiter = options.limiter ?? new AttemptLimiter();
    this.now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  async unlock(pin: string): Promise<{ expiresAt: string }> {
    const wait = this.limiter.blockedForMs();
    if (wait > 0)
      throw new ContractError('forbidden', `too many attempts; try again in ${Math.ceil(wait / 1000)} s`);
    const stored = this.options.pinHash();
    const valid = stored ? await verifyPin(pin, stored) : this.options.demo() && pin === DEMO_ADMIN_PIN;
    if (!valid) {
      this.limiter.fail();
      throw new ContractError('forbidden', 'wrong admin PIN');
    }
    this.limiter.reset();
    return { expiresAt: this.extend() };
  }

  get unlocked(): boolean {
    return this.expiresAt > this.now();
  }

  /** Throws `forbidden` unless unlocked; a permitted request counts as activity. */
  require(): void {
    if (!this.unlocked) throw new ContractError('forbidden', 'admin session required');
    this.extend();
  }

  lock(reason: 'timeout' | 'lock' = 'lock'): void {
    const wasOpen = this.expiresAt > 0;
    this.expiresAt = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (wasOpen) this.options.onLocked?.(reason);
  }

  private extend(): string {
    this.expiresAt = this.now() + this.idleMs;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lock('timeout'), this.idleMs);
    this.timer.unref?.();
    return new Date(this.expiresAt).toISOString();
  }
}
