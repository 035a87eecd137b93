import { z } from 'zod';
import { empty, ok, type RequestDef, request } from './define';
import { healthReport } from './health';

/** Runtime, health, logs and admin exit: the requests every kiosk has from the first start. */
export const systemRequests = {
  'system.ping': request(
    z.object({ nonce: z.string().max(200) }).strict(),
    z.object({ nonce: z.string(), hostTime: z.string() }),
  ),
  'system.info': request(
    empty,
    z.object({
      version: z.string(),
      profile: z.enum(['demo', 'production']),
      host: z.enum(['electron', 'browser']),
      site: z.object({ name: z.string(), divisionCode: z.string() }).nullable(),
      countyUrl: z.string().nullable(),
      idleTimeoutSeconds: z.number().int().positive(),
    }),
  ),
  'health.get': request(empty, healthReport),
  'logs.recent': request(
    z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    z.object({ lines: z.array(z.string()) }),
  ),
  'logs.export': request(
    z.object({ days: z.number().int().min(1).max(366) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.number().int() }),
  ),
  /**
   * The renderer says when a villager session starts and ends, so nothing disruptive (an update
   * install, a restart) happens while someone is at the screen.
   */
  'session.activity': request(z.object({ active: z.boolean() }).strict(), ok),
  /** The only way out of the kiosk: IT staff with the admin PIN. Rate-limited in the host. */
  'admin.exit': request(z.object({ pin: z.string().min(4).max(32) }).strict(), ok),
} satisfies Record<string, RequestDef>;

export const systemEvents = {
  'health.changed': healthReport,
} satisfies Record<string, z.ZodType>;
