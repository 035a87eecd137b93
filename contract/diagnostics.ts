import { z } from 'zod';
import { empty, type RequestDef, request } from './define';

/**
 * The IT console's device work: detect what is plugged in, test it, assign it into the kiosk
 * config; and the county's power schedule as the kiosk will carry it out. Every request here
 * needs the admin session (host side: main/host/diagnostics).
 */

export const deviceRole = z.enum(['idCardReader', 'receiptPrinter', 'barcodeScanner', 'documentScanner']);
export type DeviceRole = z.infer<typeof deviceRole>;

/** One thing the host found, with what answered its probe in words. */
export const detectedDevice = z.object({
  /** Stable handle for `diagnostics.assign`, e.g. "serial:/dev/ttyUSB0", "sane:test:0". */
  id: z.string().max(300),
  kind: z.enum(['serial', 'usblp', 'hid', 'usb', 'sane']),
  path: z.string().max(300),
  /** What the probe says this is; null when nothing recognisable answered. */
  role: deviceRole.nullable(),
  /** Held by the running driver: not probed, so a villager's print or card read is not disturbed. */
  inUse: z.boolean(),
  resultZh: z.string(),
});
export type DetectedDevice = z.infer<typeof detectedDevice>;

const detectedId = z.string().min(1).max(300);

export const powerPlan = z.object({
  powerOffAt: z.string().nullable(),
  rebootAt: z.string().nullable(),
  /** ISO weekdays 1 (Mon) – 7 (Sun) the schedule applies on. */
  days: z.array(z.number().int().min(1).max(7)),
  /** The next planned act on the host's clock, or null when no schedule is set. */
  next: z
    .object({
      action: z.enum(['poweroff', 'reboot']),
      at: z.string(),
      /** True while it waits for a villager's session to end. */
      deferred: z.boolean(),
    })
    .nullable(),
});
export type PowerPlan = z.infer<typeof powerPlan>;

export const diagnosticsRequests = {
  /** Serial ports, /dev/usb/lp*, HID/USB readers and SANE scanners, each probed with its own protocol. */
  'diagnostics.detect': request(empty, z.object({ devices: z.array(detectedDevice) })),
  /** Scans one page on a detected SANE scanner; the page is measured and thrown away, never stored. */
  'diagnostics.testScan': request(
    z.object({ deviceId: detectedId }).strict(),
    z.object({
      ok: z.boolean(),
      resultZh: z.string(),
      page: z
        .object({
          widthPx: z.number().int(),
          heightPx: z.number().int(),
          dpi: z.number().int(),
          widthMm: z.number(),
          heightMm: z.number(),
        })
        .nullable(),
      ms: z.number().nonnegative(),
    }),
  ),
  /** Writes a device from the last detection into kiosk.json (atomically, 0600, validated). */
  'diagnostics.assign': request(
    z.object({ role: deviceRole, deviceId: detectedId }).strict(),
    z.object({ restartRequired: z.boolean(), resultZh: z.string() }),
  ),
  'diagnostics.powerPlan': request(empty, powerPlan),
} satisfies Record<string, RequestDef>;

export const diagnosticsEvents = {} satisfies Record<string, z.ZodType>;
