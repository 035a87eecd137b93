import { z } from 'zod';

/** How one host service is doing. A degraded service never stops the kiosk from starting. */
export const serviceStatus = z.object({
  name: z.string(),
  state: z.enum(['starting', 'running', 'degraded', 'stopped']),
  /** Plain Chinese for the screen. */
  messageZh: z.string().optional(),
  /** English detail for logs and IT staff. */
  message: z.string().optional(),
});
export type ServiceStatus = z.infer<typeof serviceStatus>;

export const healthReport = z.object({
  profile: z.enum(['demo', 'production']),
  version: z.string(),
  startedAt: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  services: z.array(serviceStatus),
  /** Simulated peripherals are always announced (banner in the UI). */
  simulatedDevices: z.array(z.string()),
});
export type HealthReport = z.infer<typeof healthReport>;
