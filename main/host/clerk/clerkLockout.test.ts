import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClerkLockout, LOCKOUT_MS } from './clerkLockout';

describe('ClerkLockout', () => {
  it('locks on the fifth wrong PIN, per clerk, survives a restart and expires', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-lockout-'));
    let t = 1_000_000;
    const lockout = new ClerkLockout(dir, () => t);
    const left = [];
    for (let i = 0; i < 5; i++) left.push(await lockout.fail('li'));
    expect(left).toEqual([4, 3, 2, 1, 0]);
    expect(lockout.lockedForMs('li')).toBe(LOCKOUT_MS);
    expect(lockout.lockedForMs('wu')).toBe(0);

    const restarted = new ClerkLockout(dir, () => t);
    await restarted.load();
    expect(restarted.lockedForMs('li')).toBe(LOCKOUT_MS);

    t += LOCKOUT_MS;
    expect(restarted.lockedForMs('li')).toBe(0);
    expect(await restarted.fail('li')).toBe(4); // a fresh count after the lock ran out
    await restarted.succeed('li');
    expect(await restarted.fail('li')).toBe(4);
  });
});
