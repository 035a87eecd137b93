import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ContractHost } from '../../../contract/contractHost';

export interface WebSocketBindingOptions {
  /** Per-launch secret; the renderer gets it in the URL fragment, never in a request line. */
  token: string;
  /** Origins allowed to connect (the kiosk page itself). Other local pages are refused. */
  allowedOrigins: string[];
  path?: string;
  /** Frames above this are refused (the contract carries no files). */
  maxPayloadBytes?: number;
  onRejected?: (reason: string) => void;
}

/**
 * Browser-host binding, host side: the contract over a WebSocket on 127.0.0.1. A connection
 * must present the launch token and come from the kiosk origin; each frame is parsed and
 * dispatched, and a malformed one gets a typed error answer without closing the socket.
 */
export function attachWebSocketBinding(server: Server, host: ContractHost, options: WebSocketBindingOptions) {
  const path = options.path ?? '/api';
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
  const expected = Buffer.from(options.token);

  const refuse = (socket: Duplex, status: number, reason: string) => {
    options.onRejected?.(reason);
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Unauthorized'}\r\nConnection: close\r\n\r\n`,
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) return; // another upgrade handler may own it
    const origin = req.headers.origin ?? '';
    if (!options.allowedOrigins.includes(origin)) return refuse(socket, 403, `origin ${origin || '(none)'}`);
    const token = Buffer.from(url.searchParams.get('token') ?? '');
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      return refuse(socket, 401, 'bad token');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', async (data, isBinary) => {
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        message = undefined;
      }
      const response = await host.dispatch(message);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });

  const detachEvents = host.onEvent((event) => {
    const frame = JSON.stringify(event);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  return {
    clientCount: () => wss.clients.size,
    close() {
      detachEvents();
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
