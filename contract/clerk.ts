import { z } from 'zod';
import { empty, ok, type RequestDef, request } from './define';

/**
 * Town clerks at the kiosk. The host verifies the PIN against the hashes synced from the county
 * (offline), counts failures per clerk, times the session out, and writes the audit trail; the
 * renderer only ever sees the clerk's id, display name and role.
 */
export const clerkSession = z.object({
  clerkId: z.string(),
  /** Masked for the screen (e.g. 李*华). */
  displayName: z.string(),
  role: z.enum(['villageAssistant', 'townClerk', 'itStaff']),
  expiresAt: z.string(),
});
export type ClerkSession = z.infer<typeof clerkSession>;

export const clerkSignInInput = z.discriminatedUnion('method', [
  /** The number from the clerk's own ID card as the reader delivered it. */
  z
    .object({
      method: z.literal('idcard'),
      idNumber: z.string().regex(/^\d{17}[\dX]$/),
      pin: z.string().min(4).max(12),
    })
    .strict(),
  /** The text of the clerk's QR badge (`cunban-clerk:<id>`). */
  z
    .object({ method: z.literal('badge'), badge: z.string().min(3).max(200), pin: z.string().min(4).max(12) })
    .strict(),
]);

export const clerkRequests = {
  'clerk.signIn': request(clerkSignInInput, clerkSession),
  'clerk.session': request(empty, z.object({ session: clerkSession.nullable() })),
  /** Any clerk activity on screen extends the session. */
  'clerk.touch': request(empty, z.object({ session: clerkSession.nullable() })),
  'clerk.signOut': request(empty, ok),
  /** Clerk actions the renderer performs (reprint, sync now, original checked…) go to the audit trail. */
  'clerk.audit': request(
    z
      .object({
        action: z.string().regex(/^[a-z][a-zA-Z0-9.]{1,63}$/),
        target: z.string().max(128).nullable(),
        details: z
          .record(z.string(), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
          .default({}),
      })
      .strict(),
    ok,
  ),
  /** How many synced clerks the kiosk knows and when the list was last refreshed. */
  'clerk.directory': request(
    empty,
    z.object({ clerks: z.number().int(), refreshedAt: z.string().nullable() }),
  ),
} satisfies Record<string, RequestDef>;

export const clerkEvents = {
  'clerk.session': z.object({ session: clerkSession.nullable() }),
} satisfies Record<string, z.ZodType>;
