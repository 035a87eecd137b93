import { createIpcTransport, type PreloadBridge, preloadBridgeKey } from '../../contract/bindings/ipcClient';
import { createWebSocketTransport } from '../../contract/bindings/webSocketClient';
import type { KioskApi } from '../../contract/kioskApi';
import { createKioskClient } from '../../contract/kioskClient';

const TOKEN_KEY = 'cunban.hostToken';

/**
 * The renderer receives the same KioskApi in either host: through the preload bridge in Electron,
 * or over the loopback WebSocket in the browser host. The browser host passes its per-launch
 * token in the URL fragment (never sent to a server); it is moved to sessionStorage so a reload
 * after a renderer crash can reconnect, and removed from the address bar at once.
 */
export function connectKioskApi(win: Window = window): KioskApi {
  const bridge = (win as unknown as Record<string, PreloadBridge | undefined>)[preloadBridgeKey];
  if (bridge) return createKioskClient(createIpcTransport(bridge), reportInvalid);

  const fragment = new URLSearchParams(win.location.hash.slice(1));
  const token = fragment.get('token') ?? win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  if (fragment.has('token')) {
    win.sessionStorage.setItem(TOKEN_KEY, token);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createWebSocketTransport({
    url: `${scheme}://${win.location.host}/api?token=${encodeURIComponent(token)}`,
  });
  return createKioskClient(transport, reportInvalid);
}

/** Keys the session wipe must keep (the host token is not personal data). */
export const preservedSessionKeys = [TOKEN_KEY];

function reportInvalid(what: string, detail: string) {
  console.warn(`[kiosk-api] dropped invalid ${what}: ${detail}`);
}
