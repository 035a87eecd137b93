import type { z } from 'zod';
import {
  ContractError,
  describeZodError,
  type EventEnvelope,
  type RequestEnvelope,
  type ResponseEnvelope,
  requestEnvelope,
} from './define';
import {
  type EventName,
  type EventPayload,
  kioskEvents,
  kioskRequests,
  type RequestDef,
  type RequestHandlers,
  type RequestName,
} from './kioskApi';

type AnyHandler = (input: unknown) => Promise<unknown>;

/**
 * The host side of the contract, independent of any binding: validates each incoming request,
 * runs its handler, validates the answer, and turns every failure into a typed error response.
 * Nothing a renderer sends can throw out of `dispatch`.
 */
export class ContractHost {
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly eventListeners = new Set<(event: EventEnvelope) => void>();

  constructor(
    handlers: RequestHandlers = {},
    private readonly onHandlerError: (name: string, error: unknown) => void = () => {},
  ) {
    this.handle(handlers);
  }

  /** Services register their handlers as they start; a later registration replaces an earlier one. */
  handle(handlers: RequestHandlers): void {
    for (const [name, fn] of Object.entries(handlers)) {
      if (fn) this.handlers.set(name, fn as AnyHandler);
    }
  }

  async dispatch(raw: unknown): Promise<ResponseEnvelope> {
    const envelope = requestEnvelope.safeParse(raw);
    if (!envelope.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      return failure(id, new ContractError('invalid-message', describeZodError(envelope.error)));
    }
    return this.run(envelope.data);
  }

  private async run({ id, name, input }: RequestEnvelope): Promise<ResponseEnvelope> {
    if (!Object.hasOwn(kioskRequests, name)) {
      return failure(id, new ContractError('unknown-request', `no request named ${name}`));
    }
    const def = kioskRequests[name as RequestName] as RequestDef;
    const parsedInput = def.input.safeParse(input);
    if (!parsedInput.success) {
      return failure(
        id,
        new ContractError('invalid-input', `${name}: ${describeZodError(parsedInput.error)}`),
      );
    }
    const handler = this.handlers.get(name);
    if (!handler)
      return failure(id, new ContractError('unavailable', `${name} is not available on this kiosk`));
    try {
      const output = await handler(parsedInput.data);
      const parsedOutput = def.output.safeParse(output);
      if (!parsedOutput.success) {
        this.onHandlerError(name, parsedOutput.error);
        return failure(
          id,
          new ContractError('invalid-output', `${name}: ${describeZodError(parsedOutput.error)}`),
        );
      }
      return { kind: 'response', id, ok: true, output: parsedOutput.data };
    } catch (error) {
      this.onHandlerError(name, error);
      if (error instanceof ContractError) return failure(id, error);
      return failure(id, new ContractError('failed', error instanceof Error ? error.message : String(error)));
    }
  }

  /** Sends an event to every connected renderer; the payload is checked here and again on arrival. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const schema = kioskEvents[name] as z.ZodType;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.onHandlerError(`event ${name}`, parsed.error);
      return;
    }
    const envelope: EventEnvelope = { kind: 'event', name, payload: parsed.data };
    for (const listener of this.eventListeners) listener(envelope);
  }

  /** Bindings subscribe here to forward events to their renderers. */
  onEvent(listener: (event: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
}

function failure(id: number, error: ContractError): ResponseEnvelope {
  return { kind: 'response', id, ok: false, error: { code: error.code, message: error.message } };
}
