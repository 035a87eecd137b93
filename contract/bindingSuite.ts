import { describe, expect, it } from 'vitest';
import type { ContractHost } from './contractHost';
import { ContractError } from './define';
import type { KioskApi } from './kioskApi';

export interface BindingUnderTest {
  api: KioskApi;
  host: ContractHost;
  /** Sends a raw, possibly malformed, message through the binding and returns the raw answer. */
  sendRaw(message: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const sampleHealth = {
  profile: 'demo' as const,
  version: '0.0.0-test',
  startedAt: new Date(0).toISOString(),
  uptimeSeconds: 1,
  services: [{ name: 'logs', state: 'running' as const }],
  simulatedDevices: ['idcard'],
};

/**
 * One suite, run against both bindings (Electron IPC with injected fakes, and the real loopback
 * WebSocket), so the renderer sees the same behaviour whichever host it runs in.
 */
export function describeBinding(name: string, open: () => Promise<BindingUnderTest>) {
  describe(`KioskApi over ${name}`, () => {
    it('round-trips a request and validates the answer', async () => {
      const b = await open();
      b.host.handle({ 'system.ping': async ({ nonce }) => ({ nonce, hostTime: new Date().toISOString() }) });
      await expect(b.api.request('system.ping', { nonce: '你好-42' })).resolves.toMatchObject({
        nonce: '你好-42',
      });
      await b.close();
    });

    it('rejects invalid input with a typed error and keeps serving', async () => {
      const b = await open();
      b.host.handle({ 'system.ping': async ({ nonce }) => ({ nonce, hostTime: 'now' }) });
      // @ts-expect-error: deliberately wrong payload from a compromised or buggy renderer
      const bad = b.api.request('system.ping', { nonce: 42, extra: true });
      await expect(bad).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(b.api.request('system.ping', { nonce: 'still-alive' })).resolves.toMatchObject({
        nonce: 'still-alive',
      });
      await b.close();
    });

    it('answers garbage, unknown names and missing handlers with typed errors', async () => {
      const b = await open();
      const garbage = (await b.sendRaw({ hello: 'world' })) as { ok: boolean; error: { code: string } };
      expect(garbage.ok).toBe(false);
      expect(garbage.error.code).toBe('invalid-message');
      const unknown = (await b.sendRaw({ kind: 'request', id: 7, name: 'fs.readFile', input: {} })) as {
        id: number;
        error: { code: string };
      };
      expect(unknown).toMatchObject({ id: 7, error: { code: 'unknown-request' } });
      await expect(b.api.request('health.get', {})).rejects.toBeInstanceOf(ContractError);
      await expect(b.api.request('health.get', {})).rejects.toMatchObject({ code: 'unavailable' });
      await b.close();
    });

    it('turns a throwing handler and an invalid answer into errors, never a crash', async () => {
      const b = await open();
      b.host.handle({
        'health.get': async () => {
          throw new Error('disk unreadable');
        },
        // @ts-expect-error: a buggy handler returning the wrong shape
        'system.ping': async () => ({ wrong: true }),
      });
      await expect(b.api.request('health.get', {})).rejects.toMatchObject({
        code: 'failed',
        message: 'disk unreadable',
      });
      await expect(b.api.request('system.ping', { nonce: 'x' })).rejects.toMatchObject({
        code: 'invalid-output',
      });
      await b.close();
    });

    it('delivers events to subscribers until they unsubscribe', async () => {
      const b = await open();
      const seen: number[] = [];
      const unsubscribe = b.api.subscribe('health.changed', (h) => seen.push(h.uptimeSeconds));
      // Give the binding a moment to attach its event channel.
      await b.api.request('health.get', {}).catch(() => {});
      b.host.emit('health.changed', { ...sampleHealth, uptimeSeconds: 1 });
      await waitFor(() => seen.length === 1);
      unsubscribe();
      b.host.emit('health.changed', { ...sampleHealth, uptimeSeconds: 2 });
      b.host.handle({ 'system.ping': async ({ nonce }) => ({ nonce, hostTime: 'now' }) });
      await b.api.request('system.ping', { nonce: 'flush' });
      expect(seen).toEqual([1]);
      await b.close();
    });

    it('drops an event whose payload does not match its schema', async () => {
      const b = await open();
      const seen: unknown[] = [];
      b.api.subscribe('health.changed', (h) => seen.push(h));
      // @ts-expect-error: invalid payload must not reach the UI
      b.host.emit('health.changed', { ...sampleHealth, profile: 'hacked' });
      b.host.emit('health.changed', sampleHealth);
      await waitFor(() => seen.length === 1);
      expect(seen).toHaveLength(1);
      await b.close();
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
