import { ContractError } from '../../../contract/define';
import { AdminPinCheck, type AdminPinSource, AttemptLimiter } from '../admin/adminPin';

export interface AdminSessionOptions extends AdminPinSource {
  /** The host's shared check (one budget of guesses with admin exit); made here when absent. */
  pinCheck?: AdminPinCheck;
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
  private readonly pinCheck: AdminPinCheck;
  private readonly now: () => number;
  private readonly idleMs: number;

  constructor(private readonly options: AdminSessionOptions) {
    this.pinCheck = options.pinCheck ?? new AdminPinCheck(options, options.limiter ?? new AttemptLimiter());
    this.pinCheck.takePinFrom({ pinHash: options.pinHash, demo: options.demo });
    this.now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  async unlock(pin: string): Promise<{ expiresAt: string }> {
    await this.pinCheck.check(pin);
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
