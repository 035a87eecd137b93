import type { z } from 'zod';
import {
  ContractError,
  describeZodError,
  eventEnvelope,
  type RequestEnvelope,
  responseEnvelope,
} from './define';
import {
  type EventName,
  type EventPayload,
  type KioskApi,
  kioskEvents,
  kioskRequests,
  type RequestDef,
  type RequestName,
} from './kioskApi';

/**
 * What a binding must provide to the renderer: send a request envelope and get the raw answer,
 * and deliver raw event envelopes. The client validates everything that arrives.
 */
export interface ClientTransport {
  invoke(envelope: RequestEnvelope): Promise<unknown>;
  onEvent(listener: (raw: unknown) => void): () => void;
}

export function createKioskClient(
  transport: ClientTransport,
  onInvalid: (what: string, detail: string) => void = () => {},
): KioskApi {
  let nextId = 1;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let detach: (() => void) | undefined;

  const deliver = (raw: unknown) => {
    const envelope = eventEnvelope.safeParse(raw);
    if (!envelope.success) return onInvalid('event envelope', describeZodError(envelope.error));
    const { name, payload } = envelope.data;
    const schema = (kioskEvents as Record<string, z.ZodType>)[name];
    if (!schema) return onInvalid('event', `unknown event ${name}`);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return onInvalid(`event ${name}`, describeZodError(parsed.error));
    for (const listener of listeners.get(name) ?? []) listener(parsed.data);
  };

  return {
    async request<N extends RequestName>(name: N, input: z.input<(typeof kioskRequests)[N]['input']>) {
      const id = nextId++;
      const raw = await transport.invoke({ kind: 'request', id, name, input });
      const envelope = responseEnvelope.safeParse(raw);
      if (!envelope.success) {
        throw new ContractError('invalid-message', `answer to ${name}: ${describeZodError(envelope.error)}`);
      }
      if (!envelope.data.ok) throw new ContractError(envelope.data.error.code, envelope.data.error.message);
      const def = kioskRequests[name] as RequestDef;
      const output = def.output.safeParse(envelope.data.output);
      if (!output.success) {
        throw new ContractError('invalid-output', `${name}: ${describeZodError(output.error)}`);
      }
      return output.data as z.output<(typeof kioskRequests)[N]['output']>;
    },

    subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      if (!detach) detach = transport.onEvent(deliver);
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}
