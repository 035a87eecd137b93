import type { ContractHost } from '../../contract/contractHost';
import { ContractError } from '../../contract/define';

export const IPC_REQUEST_CHANNEL = 'kiosk:request';
export const IPC_EVENT_CHANNEL = 'kiosk:event';

/** The slice of Electron's ipcMain and WebContents this binding needs, so tests can pass fakes. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}
export interface EventSink {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/**
 * Electron binding, main side: one invoke channel for requests, one send channel for events.
 * Each request's sender frame must be the kiosk origin (a frame that navigated elsewhere, or an
 * iframe, gets `forbidden`), then the payload goes through the same dispatcher as the WebSocket.
 */
export function bindIpc(
  ipcMain: IpcMainLike,
  host: ContractHost,
  appOrigin: string,
  sinks: () => EventSink[],
) {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, message) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (originOf(frameUrl) !== appOrigin) {
      const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
      const error = new ContractError('forbidden', `request from ${originOf(frameUrl) || 'unknown frame'}`);
      return { kind: 'response', id, ok: false, error: { code: error.code, message: error.message } };
    }
    return host.dispatch(message);
  });
  const detach = host.onEvent((envelope) => {
    for (const sink of sinks()) if (!sink.isDestroyed()) sink.send(IPC_EVENT_CHANNEL, envelope);
  });
  return () => {
    detach();
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  };
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    // Custom schemes report origin "null" in WHATWG URL; compare scheme://host instead.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}
