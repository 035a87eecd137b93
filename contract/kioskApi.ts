import type { z } from 'zod';
import { captureEvents, captureRequests } from './capture';
import { clerkEvents, clerkRequests } from './clerk';
import { clerkQueueRequests } from './clerkQueue';
import type { RequestDef } from './define';
import { diagnosticsEvents, diagnosticsRequests } from './diagnostics';
import { idcardEvents, idcardRequests } from './idcard';
import { printerEvents, printerRequests } from './printer';
import { provisioningEvents, provisioningRequests } from './provisioning';
import { queueEvents, queueRequests } from './queue';
import { systemEvents, systemRequests } from './system';

export type { RequestDef } from './define';

/**
 * KioskApi: the one contract between the renderer and the host. Both bindings (Electron IPC and
 * the loopback WebSocket of the browser host) carry exactly these requests and events, and the
 * receiving side validates every payload against the schemas here.
 *
 * Each feature area defines `<area>Requests` and `<area>Events` in its own file
 * (contract/<area>.ts) and is spread in here — one line per area.
 */
export const kioskRequests = {
  ...systemRequests,
  ...idcardRequests,
  ...captureRequests,
  ...printerRequests,
  ...queueRequests,
  ...provisioningRequests,
  ...clerkRequests,
  ...clerkQueueRequests,
  ...diagnosticsRequests,
} satisfies Record<string, RequestDef>;

export const kioskEvents = {
  ...systemEvents,
  ...idcardEvents,
  ...captureEvents,
  ...printerEvents,
  ...queueEvents,
  ...provisioningEvents,
  ...clerkEvents,
  ...diagnosticsEvents,
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
