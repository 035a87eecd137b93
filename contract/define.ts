import { z } from 'zod';

/** One request of the contract: what the renderer sends and what the host answers. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestDef<I, O> {
  return { input, output };
}

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

/**
 * Errors cross the boundary as data with a stable code, so the UI can choose words for the
 * villager and the log gets the English detail.
 */
export const contractErrorCodes = [
  'invalid-message', // the envelope itself is malformed
  'unknown-request', // no such request name
  'invalid-input', // payload failed the request's schema
  'invalid-output', // host answered with something the schema rejects
  'unavailable', // the service behind the request is degraded or not started
  'forbidden', // the caller may not make this request (e.g. admin without a session)
  'failed', // the handler failed; message says why
  'disconnected', // the binding lost its connection before an answer came
  'timeout',
] as const;
export type ContractErrorCode = (typeof contractErrorCodes)[number];

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Wire envelopes shared by both bindings (Electron IPC and the loopback WebSocket). */
export const requestEnvelope = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(100),
  input: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelope>;

export const responseEnvelope = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('response'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({
    kind: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ code: z.enum(contractErrorCodes), message: z.string() }),
  }),
]);
export type ResponseEnvelope = z.infer<typeof responseEnvelope>;

export const eventEnvelope = z.object({
  kind: z.literal('event'),
  name: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;

export const hostMessage = z.union([responseEnvelope, eventEnvelope]);
export type HostMessage = z.infer<typeof hostMessage>;

/** Renders a zod error as "path.to.key: problem" lines, naming the bad key. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
