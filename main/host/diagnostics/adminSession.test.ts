import { describe, expect, it } from 'vitest';
import { AdminPinCheck, AttemptLimiter, hashPin } from '../admin/adminPin';
import { AdminSession } from './adminSession';

describe('AdminSession', () => {
  it('unlocks with the configured PIN only and refuses the demo PIN once a hash exists', async () => {
    const hash = await hashPin('246810');
    const session = new AdminSession({ pinHash: () => hash, demo: () => true });
    await expect(session.unlock('0000')).rejects.toThrow(/wrong admin PIN/);
    expect(() => session.require()).toThrow(/admin session required/);
    await session.unlock('246810');
    expect(() => session.require()).not.toThrow();
    session.lock();
    expect(session.unlocked).toBe(false);
  });

  it('blocks every attempt, even the right PIN, after five failures', async () => {
    let t = 1_000_000;
    const now = () => t;
    const session = new AdminSession({
      pinHash: () => null,
      demo: () => true,
      limiter: new AttemptLimiter(5, 60_000, now),
      now,
    });
    for (let i = 0; i < 5; i++) await expect(session.unlock('1111')).rejects.toThrow(/wrong/);
    await expect(session.unlock('0000')).rejects.toThrow(/too many attempts/);
    t += 60_001;
    await expect(session.unlock('0000')).resolves.toHaveProperty('expiresAt');
    session.lock();
  });

  it('has no demo PIN in production', async () => {
    const session = new AdminSession({ pinHash: () => null, demo: () => false });
    await expect(session.unlock('0000')).rejects.toThrow(/wrong/);
  });

  it('shares one budget of guesses with admin exit and checks exit against the live PIN', async () => {
    let hash: string | null = null;
    // The host's check starts from the config it loaded; the session hands it the live one.
    const shared = new AdminPinCheck({ pinHash: () => null, demo: () => true });
    const session = new AdminSession({ pinHash: () => hash, demo: () => true, pinCheck: shared });
    hash = await hashPin('135790'); // enrollment chose a new PIN while the host runs
    await expect(shared.check('0000')).rejects.toThrow(/wrong admin PIN/);
    await expect(shared.check('135790')).resolves.toBeUndefined();
    for (let i = 0; i < 5; i++) await expect(session.unlock('999999')).rejects.toThrow(/wrong/);
    await expect(shared.check('135790')).rejects.toThrow(/too many attempts/);
  });
});
