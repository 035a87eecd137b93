import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadBridge } from '../../contract/bindings/ipcClient';

// Channel names repeated here on purpose: the sandboxed preload is bundled on its own and must
// not pull in host code. main/shell/ipcBinding.ts owns the same two names.
const REQUEST_CHANNEL = 'kiosk:request';
const EVENT_CHANNEL = 'kiosk:event';

/** Only two functions cross the isolation boundary; page code never sees ipcRenderer. */
const bridge: PreloadBridge = {
  invoke: (envelope) => ipcRenderer.invoke(REQUEST_CHANNEL, envelope),
  onEvent(listener) {
    const handler = (_event: unknown, message: unknown) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('cunbanBridge', bridge);
