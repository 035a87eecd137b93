import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { describeBinding } from '../../../contract/bindingSuite';
import { createWebSocketTransport } from '../../../contract/bindings/webSocketClient';
import { ContractHost } from '../../../contract/contractHost';
import { createKioskClient } from '../../../contract/kioskClient';
import { attachWebSocketBinding } from './webSocketBinding';

const TOKEN = 'launch-token-0123456789abcdef';

async function listen(): Promise<{ server: Server; origin: string; port: number }> {
  const server = createServer((_req, res) => res.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, port };
}

describeBinding('the loopback WebSocket', async () => {
  const { server, origin, port } = await listen();
  const host = new ContractHost();
  const binding = attachWebSocketBinding(server, host, { token: TOKEN, allowedOrigins: [origin] });
  const url = `ws://127.0.0.1:${port}/api?token=${TOKEN}`;
  const transport = createWebSocketTransport({
    url,
    createSocket: (u) => new WebSocket(u, { origin }) as never,
  });
  const raw = new WebSocket(url, { origin });
  await new Promise((r) => raw.once('open', r));
  return {
    api: createKioskClient(transport),
    host,
    sendRaw: (message) =>
      new Promise((resolve) => {
        raw.once('message', (data) => resolve(JSON.parse(data.toString())));
        raw.send(typeof message === 'string' ? message : JSON.stringify(message));
      }),
    async close() {
      transport.close();
      raw.close();
      binding.close();
      await new Promise((r) => server.close(r));
    },
  };
});

describe('WebSocket binding access control', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((r) => server?.close(r));
  });

  const tryConnect = (url: string, origin?: string) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      ws.once('open', () => {
        ws.close();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.once('error', () => resolve('error'));
    });

  it('refuses a wrong token, a foreign origin and no origin', async () => {
    const l = await listen();
    server = l.server;
    const rejected: string[] = [];
    const binding = attachWebSocketBinding(l.server, new ContractHost(), {
      token: TOKEN,
      allowedOrigins: [l.origin],
      onRejected: (r) => rejected.push(r),
    });
    const base = `ws://127.0.0.1:${l.port}/api`;
    expect(await tryConnect(`${base}?token=wrong`, l.origin)).toBe('401');
    expect(await tryConnect(`${base}?token=${TOKEN}`, 'http://evil.example')).toBe('403');
    expect(await tryConnect(`${base}?token=${TOKEN}`)).toBe('403');
    expect(await tryConnect(`${base}?token=${TOKEN}`, l.origin)).toBe('open');
    expect(rejected).toEqual(['bad token', 'origin http://evil.example', 'origin (none)']);
    binding.close();
  });

  it('answers a non-JSON frame with invalid-message and keeps the socket open', async () => {
    const l = await listen();
    server = l.server;
    const binding = attachWebSocketBinding(l.server, new ContractHost(), {
      token: TOKEN,
      allowedOrigins: [l.origin],
    });
    const ws = new WebSocket(`ws://127.0.0.1:${l.port}/api?token=${TOKEN}`, { origin: l.origin });
    await new Promise((r) => ws.once('open', r));
    const answer = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
    ws.send('\u0000\u0001 not json {');
    expect(JSON.parse(await answer)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    binding.close();
  });
});
