// When to take an update and when to install it. Pure functions, so every rule has a unit test.
import { isInstallWindow, type OpeningHours } from './openingHours';
import { type DeviceIdentity, decideRollout, type Rollout } from './rollout';
import { compareVersions } from './versionOrder';

export type TakeDecision =
  | { take: true }
  | {
      take: false;
      reason: 'not-newer' | 'paused' | 'other-version' | 'outside-percentage' | 'failed-before';
    };

export interface TakeInput {
  currentVersion: string;
  offeredVersion: string;
  rollout: Rollout | undefined;
  device: DeviceIdentity;
  /** Versions whose install already failed too often on this kiosk. */
  givenUp?: ReadonlySet<string>;
}

export function decideTake(input: TakeInput): TakeDecision {
  if (compareVersions(input.offeredVersion, input.currentVersion) <= 0)
    return { take: false, reason: 'not-newer' };
  if (input.givenUp?.has(input.offeredVersion)) return { take: false, reason: 'failed-before' };
  const rollout = decideRollout(input.rollout, input.offeredVersion, input.device);
  return rollout.eligible ? { take: true } : { take: false, reason: rollout.reason };
}

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'opening-hours' | 'session-active' };

export interface InstallInput {
  hours: OpeningHours;
  now: Date;
  /** A villager (or clerk) is in the middle of an application. */
  sessionActive: boolean;
  /** The point must stay closed this long after the install starts. */
  marginMinutes?: number;
}

export function decideInstall(input: InstallInput): InstallDecision {
  // A session beats the clock: even at night, never restart in front of someone.
  if (input.sessionActive) return { install: false, reason: 'session-active' };
  if (!isInstallWindow(input.hours, input.now, input.marginMinutes))
    return { install: false, reason: 'opening-hours' };
  return { install: true };
}
