import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../secure/atomicFile';

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

const FILE = 'clerk-lockout.json';

/**
 * Wrong PINs per clerk. The fifth in a row locks that clerk out for fifteen minutes; the count is
 * on disk so reloading the page or restarting the kiosk does not hand out five fresh guesses.
 */
export class ClerkLockout {
  private entries: Record<string, { failures: number; lockedUntil: number }> = {};

  constructor(
    private readonly stateDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    try {
      this.entries = JSON.parse(await readFile(join(this.stateDir, FILE), 'utf8'));
    } catch {}
  }

  /** Milliseconds the clerk must still wait, 0 when they may try. */
  lockedForMs(clerkId: string): number {
    const entry = this.entries[clerkId];
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a wrong PIN; returns the attempts left before the lock (0 = now locked). */
  async fail(clerkId: string): Promise<number> {
    const entry = this.entries[clerkId] ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil && entry.lockedUntil <= this.now()) entry.failures = 0;
    entry.failures += 1;
    entry.lockedUntil = entry.failures >= MAX_WRONG_PINS ? this.now() + LOCKOUT_MS : 0;
    this.entries[clerkId] = entry;
    await this.save();
    return Math.max(0, MAX_WRONG_PINS - entry.failures);
  }

  async succeed(clerkId: string): Promise<void> {
    if (!this.entries[clerkId]) return;
    delete this.entries[clerkId];
    await this.save();
  }

  private save(): Promise<void> {
    return writeFileAtomic(join(this.stateDir, FILE), Buffer.from(JSON.stringify(this.entries)), 0o600);
  }
}
