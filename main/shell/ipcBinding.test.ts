import { describe, expect, it } from 'vitest';
import { describeBinding } from '../../contract/bindingSuite';
import { createIpcTransport, type PreloadBridge } from '../../contract/bindings/ipcClient';
import { ContractHost } from '../../contract/contractHost';
import { createKioskClient } from '../../contract/kioskClient';
import { bindIpc, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, type IpcMainLike } from './ipcBinding';

const APP_ORIGIN = 'app://kiosk';

/**
 * Electron cannot run here, so ipcMain and the preload bridge are the thinnest possible fakes:
 * a handler table and structuredClone for what Electron's IPC serialisation does.
 */
function fakeElectronIpc(frameUrl: () => string) {
  const handlers = new Map<
    string,
    (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown
  >();
  const rendererListeners = new Set<(raw: unknown) => void>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const bridge: PreloadBridge = {
    async invoke(envelope) {
      const handler = handlers.get(IPC_REQUEST_CHANNEL);
      if (!handler) throw new Error('No handler registered');
      return structuredClone(await handler({ senderFrame: { url: frameUrl() } }, structuredClone(envelope)));
    },
    onEvent(listener) {
      rendererListeners.add(listener);
      return () => rendererListeners.delete(listener);
    },
  };
  const sink = {
    isDestroyed: () => false,
    send(channel: string, payload: unknown) {
      if (channel === IPC_EVENT_CHANNEL) for (const l of rendererListeners) l(structuredClone(payload));
    },
  };
  return { ipcMain, bridge, sink, handlers };
}

describeBinding('Electron IPC', async () => {
  const host = new ContractHost();
  const fake = fakeElectronIpc(() => `${APP_ORIGIN}/index.html`);
  const unbind = bindIpc(fake.ipcMain, host, APP_ORIGIN, () => [fake.sink]);
  return {
    api: createKioskClient(createIpcTransport(fake.bridge)),
    host,
    sendRaw: (message) => fake.bridge.invoke(message as never),
    async close() {
      unbind();
    },
  };
});

describe('IPC sender frame check', () => {
  it('refuses requests from a frame that is not the kiosk origin', async () => {
    let url = 'https://evil.example/page';
    const host = new ContractHost({ 'system.ping': async ({ nonce }) => ({ nonce, hostTime: 'now' }) });
    const fake = fakeElectronIpc(() => url);
    bindIpc(fake.ipcMain, host, APP_ORIGIN, () => [fake.sink]);
    const api = createKioskClient(createIpcTransport(fake.bridge));
    await expect(api.request('system.ping', { nonce: 'a' })).rejects.toMatchObject({ code: 'forbidden' });
    url = 'file:///etc/passwd';
    await expect(api.request('system.ping', { nonce: 'a' })).rejects.toMatchObject({ code: 'forbidden' });
    url = `${APP_ORIGIN}/index.html#/attract`;
    await expect(api.request('system.ping', { nonce: 'a' })).resolves.toMatchObject({ nonce: 'a' });
  });

  it('unbinding removes the handler', () => {
    const fake = fakeElectronIpc(() => APP_ORIGIN);
    const unbind = bindIpc(fake.ipcMain, new ContractHost(), APP_ORIGIN, () => []);
    expect(fake.handlers.has(IPC_REQUEST_CHANNEL)).toBe(true);
    unbind();
    expect(fake.handlers.has(IPC_REQUEST_CHANNEL)).toBe(false);
  });
});
