import type { RequestEnvelope } from '../define';
import type { ClientTransport } from '../kioskClient';

/**
 * What the Electron preload exposes through contextBridge as `window.cunbanBridge`. Only these
 * two functions cross the isolation boundary; no ipcRenderer object ever reaches page code.
 */
export interface PreloadBridge {
  invoke(envelope: RequestEnvelope): Promise<unknown>;
  onEvent(listener: (raw: unknown) => void): () => void;
}

export const preloadBridgeKey = 'cunbanBridge';

export function createIpcTransport(bridge: PreloadBridge): ClientTransport {
  return { invoke: (envelope) => bridge.invoke(envelope), onEvent: (listener) => bridge.onEvent(listener) };
}
