import { z } from 'zod';
import { empty, ok, type RequestDef, request } from './define';
import { healthReport } from './health';

/**
 * KioskApi: the one contract between the renderer and the host. Both bindings (Electron IPC and
 * the loopback WebSocket of the browser host) carry exactly these requests and events, and the
 * receiving side validates every payload against the schemas here.
 *
 * Feature areas add their requests and events in their own files and spread them in below.
 */
export const kioskRequests = {
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
  /** The only way out of the kiosk: IT staff with the admin PIN. Rate-limited in the host. */
  'admin.exit': request(z.object({ pin: z.string().min(4).max(32) }).strict(), ok),
} satisfies Record<string, RequestDef>;

export const kioskEvents = {
  'health.changed': healthReport,
} satisfies Record<string, z.ZodType>;

export type KioskRequests = typeof kioskRequests;
export type KioskEvents = typeof kioskEvents;
export type RequestName = keyof KioskRequests;
export type EventName = keyof KioskEvents;
export type RequestInput<N extends RequestName> = z.input<KioskRequests[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<KioskRequests[N]['output']>;
export type EventPayload<E extends EventName> = z.output<KioskEvents[E]>;

/** What the renderer holds, whichever binding carries it. */
export interface KioskApi {
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  /** Returns the unsubscribe function. */
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Host-side implementation of the requests; a missing handler answers `unavailable`. */
export type RequestHandlers = {
  [N in RequestName]?: (input: z.output<KioskRequests[N]['input']>) => Promise<RequestOutput<N>>;
};
