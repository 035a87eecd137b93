// Staged rollout. IT staff publish a release to a share of the fleet first (rollout.json beside the
// latest*.yml files, written by scripts/release-update.ts) and widen it when nothing breaks.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const rolloutSchema = z
  .object({
    /** The release this rollout governs; a feed whose yml names another version is not eligible. */
    version: z.string().min(1),
    /** Share of devices outside any listed group that may take the release, 0–100. */
    percentage: z.number().min(0).max(100),
    /** Per device group (e.g. a township or the pilot sites): a percentage that replaces the default. */
    groups: z.record(z.string().min(1), z.number().min(0).max(100)).default({}),
    /** Device ids that always get the release (IT staff's own test kiosks). */
    devices: z.array(z.string().min(1)).default([]),
    /** Stop the rollout at once, whatever the percentages say. */
    paused: z.boolean().default(false),
    /** Changing the salt reshuffles which devices go first; the default keeps the same early devices. */
    salt: z.string().default(''),
  })
  .strict();
export type Rollout = z.infer<typeof rolloutSchema>;

/**
 * A stable bucket in [0, 100) for a device: the first 32 bits of SHA-256(salt ":" deviceId), scaled.
 * Stable means raising the percentage only ever adds devices; nobody flips back.
 */
export function rolloutBucket(deviceId: string, salt = ''): number {
  const digest = createHash('sha256').update(`${salt}:${deviceId}`).digest();
  return (digest.readUInt32BE(0) / 2 ** 32) * 100;
}

export interface DeviceIdentity {
  deviceId: string;
  /** Device group from the kiosk config (site/township); undefined when not configured. */
  group?: string | undefined;
}

export type RolloutDecision =
  | { eligible: true; reason: 'listed-device' | 'in-percentage' }
  | { eligible: false; reason: 'paused' | 'other-version' | 'outside-percentage' };

export function decideRollout(
  rollout: Rollout | undefined,
  version: string,
  device: DeviceIdentity,
): RolloutDecision {
  // No rollout file: the release is for everyone (the CLI always writes one; this keeps a hand-filled folder working).
  if (!rollout) return { eligible: true, reason: 'in-percentage' };
  if (rollout.paused) return { eligible: false, reason: 'paused' };
  if (rollout.version !== version) return { eligible: false, reason: 'other-version' };
  if (rollout.devices.includes(device.deviceId)) return { eligible: true, reason: 'listed-device' };
  const groupShare = device.group === undefined ? undefined : rollout.groups[device.group];
  const share = groupShare ?? rollout.percentage;
  return rolloutBucket(device.deviceId, rollout.salt) < share
    ? { eligible: true, reason: 'in-percentage' }
    : { eligible: false, reason: 'outside-percentage' };
}
