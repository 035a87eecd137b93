import { z } from 'zod';
import { empty, ok, type RequestDef, request } from './define';

/**
 * IT staff on the kiosk: first-start enrollment, the hidden admin session, diagnostics and the
 * county's remote settings. Everything except `provisioning.status`, `provisioning.enroll` (only
 * while not enrolled) and `admin.unlock` needs an unlocked admin session in the host.
 */

/** Where the kiosk stands with the county. `revoked`: the county stopped this device; re-enrol. */
export const provisioningState = z.object({
  state: z.enum(['unenrolled', 'enrolled', 'revoked']),
  /** True once enrollment wrote a production config that the running host has not loaded yet. */
  restartRequired: z.boolean(),
  site: z
    .object({ name: z.string(), divisionCode: z.string(), siteCode: z.string(), bundle: z.string() })
    .nullable(),
  countyUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
});
export type ProvisioningState = z.infer<typeof provisioningState>;

const countyUrl = z
  .string()
  .max(300)
  .refine(
    (u) => /^https:\/\/[^\s]+$/.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s]*)?$/.test(u),
    {
      message: 'must be https (plain http only on localhost)',
    },
  );

export const enrollInput = z
  .object({
    countyUrl,
    /** Typed (XXXX-XXXX-XXXX) or the text of the county's QR (`cunban-enroll:{...}`), parsed in the host. */
    code: z.string().min(12).max(400),
    /** The admin PIN IT staff choose now; stored only as a scrypt hash. */
    adminPin: z.string().regex(/^\d{6,12}$/, '6–12 digits'),
  })
  .strict();

/** Health of one peripheral in words for IT staff (and the heartbeat). */
export const deviceReport = z.object({
  name: z.string(),
  state: z.enum(['ok', 'degraded', 'fault', 'absent']),
  detail: z.string().optional(),
  detailZh: z.string(),
});
export type DeviceReport = z.infer<typeof deviceReport>;

export const remoteSettings = z.object({
  openingHours: z.array(
    z.object({
      days: z.array(z.number().int().min(1).max(7)),
      open: z.string(),
      close: z.string(),
    }),
  ),
  idleTimeoutSeconds: z.number().int().positive(),
  enabledServices: z.array(z.string()).nullable(),
  /** The county's power schedule ("HH:MM" or null, ISO weekdays); nothing scheduled by default. */
  powerSchedule: z
    .object({
      powerOffAt: z.string().nullable(),
      rebootAt: z.string().nullable(),
      days: z.array(z.number().int().min(1).max(7)),
    })
    .default({ powerOffAt: null, rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] }),
  updatedAt: z.string().nullable(),
  /** Computed in the host for the host's clock: whether villagers may use the kiosk now. */
  openNow: z.boolean(),
});
export type RemoteSettings = z.infer<typeof remoteSettings>;

export const provisioningRequests = {
  'provisioning.status': request(empty, provisioningState),
  'provisioning.enroll': request(enrollInput, provisioningState),
  /** PIN pad behind the hidden corner gesture. Rate-limited; opens a session that times out. */
  'admin.unlock': request(
    z.object({ pin: z.string().min(4).max(32) }).strict(),
    z.object({ expiresAt: z.string() }),
  ),
  'admin.lock': request(empty, ok),
  'diagnostics.devices': request(empty, z.object({ devices: z.array(deviceReport) })),
  /** Serial ports and USB readers found on this machine, each with what answered the probe. */
  'diagnostics.probe': request(
    empty,
    z.object({
      candidates: z.array(z.object({ kind: z.string(), path: z.string(), resultZh: z.string() })),
    }),
  ),
  /** Folders where a USB stick is mounted (/media, /run/media), for the log export. */
  'diagnostics.exportTargets': request(empty, z.object({ folders: z.array(z.string()) })),
  'diagnostics.exportLogs': request(
    z.object({ folder: z.string().min(1).max(400), days: z.number().int().min(1).max(366) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.number().int() }),
  ),
  'diagnostics.recentLogs': request(
    z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    z.object({ lines: z.array(z.string()) }),
  ),
  'settings.get': request(empty, remoteSettings),
} satisfies Record<string, RequestDef>;

export const provisioningEvents = {
  'provisioning.changed': provisioningState,
  'settings.changed': remoteSettings,
  /** The admin session ended (timeout or lock): the console must close. */
  'admin.locked': z.object({ reason: z.enum(['timeout', 'lock']) }),
} satisfies Record<string, z.ZodType>;
