import { describe, expect, it } from 'vitest';
import type { Logger } from '../logging/logger';
import { nextPowerAction } from './powerPlan';
import { type PowerControl, PowerScheduler } from './powerScheduler';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const every = [1, 2, 3, 4, 5, 6, 7];
const bj = (s: string) => new Date(`${s}+08:00`);

/** The PowerControl boundary, recording instead of switching anything off. */
function recordingPower(): PowerControl & { acts: string[] } {
  const acts: string[] = [];
  return {
    acts,
    powerOff: async () => void acts.push('poweroff'),
    reboot: async () => void acts.push('reboot'),
  };
}

describe('nextPowerAction (Beijing time)', () => {
  it('finds the next act today, tomorrow, or on the next listed weekday', () => {
    const s = { powerOffAt: '22:00', rebootAt: '03:30', days: every };
    expect(nextPowerAction(s, bj('2026-11-30T12:00:00'))).toEqual({
      action: 'poweroff',
      at: bj('2026-11-30T22:00:00'),
    });
    expect(nextPowerAction(s, bj('2026-11-30T22:00:00'))).toEqual({
      action: 'reboot',
      at: bj('2026-12-01T03:30:00'),
    });
    // Monday 2026-11-30; only Saturdays (6): the next Saturday is 2026-12-05.
    expect(nextPowerAction({ ...s, days: [6] }, bj('2026-11-30T12:00:00'))?.at).toEqual(
      bj('2026-12-05T03:30:00'),
    );
    // Sunday (7) late evening, Sunday only: a week later.
    expect(
      nextPowerAction({ powerOffAt: '21:00', rebootAt: null, days: [7] }, bj('2026-11-29T21:30:00'))?.at,
    ).toEqual(bj('2026-12-06T21:00:00'));
  });

  it('plans nothing without times, with no days, or with a malformed time', () => {
    const at = bj('2026-11-30T12:00:00');
    expect(nextPowerAction({ powerOffAt: null, rebootAt: null, days: every }, at)).toBeNull();
    expect(nextPowerAction({ powerOffAt: '22:00', rebootAt: null, days: [] }, at)).toBeNull();
    expect(nextPowerAction({ powerOffAt: '25:00', rebootAt: '7:5', days: every }, at)).toBeNull();
  });
});

describe('PowerScheduler', () => {
  function setup(
    schedule = { powerOffAt: '22:00' as string | null, rebootAt: null as string | null, days: every },
  ) {
    let now = bj('2026-11-30T21:59:00');
    let busy = false;
    const power = recordingPower();
    const current = { schedule };
    const scheduler = new PowerScheduler({
      schedule: () => current.schedule,
      busy: () => busy,
      power,
      log: silent,
      now: () => now,
    });
    return {
      scheduler,
      power,
      current,
      at: (s: string) => {
        now = bj(s);
      },
      setBusy: (b: boolean) => {
        busy = b;
      },
    };
  }

  it('acts at the planned minute, not before, and then plans the next day', async () => {
    const k = setup();
    await k.scheduler.start();
    await k.scheduler.stop(); // the test drives the clock itself
    await k.scheduler.tick();
    expect(k.power.acts).toEqual([]);
    expect(k.scheduler.plan().next).toEqual({
      action: 'poweroff',
      at: '2026-11-30T14:00:00.000Z',
      deferred: false,
    });
    k.at('2026-11-30T22:00:10');
    await k.scheduler.tick();
    await k.scheduler.tick();
    expect(k.power.acts).toEqual(['poweroff']);
    expect(k.scheduler.plan().next?.at).toBe('2026-12-01T14:00:00.000Z');
  });

  it('never acts during a villager session and acts once it ends', async () => {
    const k = setup();
    await k.scheduler.start();
    await k.scheduler.stop();
    k.setBusy(true);
    k.at('2026-11-30T22:00:00');
    await k.scheduler.tick();
    k.at('2026-11-30T22:07:00');
    await k.scheduler.tick();
    expect(k.power.acts).toEqual([]);
    expect(k.scheduler.plan().next).toMatchObject({ action: 'poweroff', deferred: true });
    k.setBusy(false);
    await k.scheduler.tick();
    expect(k.power.acts).toEqual(['poweroff']);
  });

  it('drops an act deferred past an hour instead of switching off in the morning', async () => {
    const k = setup();
    await k.scheduler.start();
    await k.scheduler.stop();
    k.setBusy(true);
    k.at('2026-11-30T22:00:00');
    await k.scheduler.tick();
    k.setBusy(false);
    k.at('2026-11-30T23:30:00');
    await k.scheduler.tick();
    expect(k.power.acts).toEqual([]);
    expect(k.scheduler.plan().next?.at).toBe('2026-12-01T14:00:00.000Z');
  });

  it('does not act for a time that passed while the kiosk was off', async () => {
    const k = setup();
    k.at('2026-11-30T22:30:00'); // started after the power-off time
    await k.scheduler.start();
    await k.scheduler.stop();
    await k.scheduler.tick();
    expect(k.power.acts).toEqual([]);
  });

  it('follows a schedule the county changed, without a restart', async () => {
    const k = setup({ powerOffAt: null, rebootAt: null, days: every });
    await k.scheduler.start();
    await k.scheduler.stop();
    expect(k.scheduler.plan().next).toBeNull();
    k.current.schedule = { powerOffAt: null, rebootAt: '22:01', days: every };
    k.at('2026-11-30T22:01:00');
    await k.scheduler.tick(); // replans from now: 22:01 is not after 22:01:00
    expect(k.power.acts).toEqual([]);
    k.current.schedule = { powerOffAt: null, rebootAt: '22:02', days: every };
    await k.scheduler.tick();
    k.at('2026-11-30T22:02:00');
    await k.scheduler.tick();
    expect(k.power.acts).toEqual(['reboot']);
  });

  it('keeps running when the power switch fails', async () => {
    const k = setup();
    k.power.powerOff = async () => {
      throw new Error('polkit: not authorized');
    };
    await k.scheduler.start();
    await k.scheduler.stop();
    k.at('2026-11-30T22:00:00');
    await expect(k.scheduler.tick()).resolves.toBeUndefined();
    expect(k.scheduler.plan().next?.at).toBe('2026-12-01T14:00:00.000Z');
  });
});
