import { ContractError, type RequestEnvelope } from '../define';
import type { ClientTransport } from '../kioskClient';

/** The part of the WHATWG WebSocket the transport uses (the browser's, or `ws` in Node tests). */
interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  requestTimeoutMs?: number;
  /** Reconnect backoff bounds; the browser host restarts with the page, so this stays short. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

const OPEN = 1;

/**
 * Browser-host binding, renderer side: requests and events over one loopback WebSocket that
 * reconnects by itself. Requests made while disconnected wait for the socket (up to the timeout)
 * rather than failing at once, so a host restart is invisible to a villager mid-step.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): ClientTransport & {
  close(): void;
} {
  const create = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const minDelay = options.reconnectMinMs ?? 200;
  const maxDelay = options.reconnectMaxMs ?? 3_000;
  const pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }
  >();
  const outbox: string[] = [];
  const eventListeners = new Set<(raw: unknown) => void>();
  let socket: SocketLike | undefined;
  let delay = minDelay;
  let closed = false;

  const connect = () => {
    const ws = create(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      delay = minDelay;
      for (const frame of outbox.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const kind = (message as { kind?: unknown })?.kind;
      if (kind === 'event') {
        for (const listener of eventListeners) listener(message);
      } else if (kind === 'response') {
        const id = (message as { id?: unknown }).id;
        const entry = typeof id === 'number' ? pending.get(id) : undefined;
        if (entry) {
          pending.delete(id as number);
          clearTimeout(entry.timer);
          entry.resolve(message);
        }
      }
    });
    ws.addEventListener('close', () => {
      if (socket === ws) socket = undefined;
      if (closed) return;
      setTimeout(connect, delay);
      delay = Math.min(maxDelay, delay * 2);
    });
    ws.addEventListener('error', () => {});
  };
  connect();

  return {
    invoke(envelope: RequestEnvelope) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.id);
          reject(new ContractError('timeout', `${envelope.name}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelope.id, { resolve, reject, timer });
        const frame = JSON.stringify(envelope);
        if (socket?.readyState === OPEN) socket.send(frame);
        else outbox.push(frame);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        entry.reject(new ContractError('disconnected', `request ${id} abandoned: transport closed`));
      }
      pending.clear();
    },
  };
}
