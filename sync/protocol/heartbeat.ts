import { z } from 'zod';

/** POST /v1/heartbeat, every minute or so: what county IT sees on the devices page. */
export const deviceHealthState = z.enum(['ok', 'degraded', 'fault', 'absent']);

export const heartbeat = z.object({
  appVersion: z.string().max(40),
  uptimeSeconds: z.number().int().min(0),
  queue: z.object({
    documents: z.number().int().min(0),
    files: z.number().int().min(0),
    bytesPending: z.number().int().min(0),
  }),
  /** Peripheral states by device name (idCard, printer, scanner...), with a short English detail. */
  devices: z
    .record(
      z.string().max(32),
      z.object({ state: deviceHealthState, detail: z.string().max(200).optional() }),
    )
    .refine((r) => Object.keys(r).length <= 20, 'too many devices'),
  disk: z.object({ freeBytes: z.number().min(0), totalBytes: z.number().min(0) }),
  lastSyncAt: z.string().datetime({ offset: true }).nullable(),
});
export type Heartbeat = z.infer<typeof heartbeat>;
