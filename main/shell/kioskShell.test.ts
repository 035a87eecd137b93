import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_URL } from './appProtocol';
import { KioskShell } from './kioskShell';
import type { ShellDeps } from './shellDeps';

/** Electron cannot run here: these are the thinnest fakes that record what the shell does. */
function fakes(overrides: Partial<ShellDeps> = {}) {
  const app = Object.assign(new EventEmitter(), {
    lock: true,
    requestSingleInstanceLock: vi.fn(() => app.lock),
    whenReady: vi.fn(async () => {}),
    disableHardwareAcceleration: vi.fn(),
    relaunch: vi.fn(),
    exit: vi.fn(),
    quit: vi.fn(),
  });
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    setWindowOpenHandler: vi.fn((h) => {
      contents.openHandler = h;
    }),
    reload: vi.fn(),
    loadURL: vi.fn(async () => {}),
    forcefullyCrashRenderer: vi.fn(),
    isDestroyed: () => false,
    send: vi.fn(),
    setVisualZoomLevelLimits: vi.fn(async () => {}),
  });
  const win = Object.assign(new EventEmitter(), {
    webContents: contents,
    show: vi.fn(),
    focus: vi.fn(),
    isMinimized: () => false,
    restore: vi.fn(),
    destroy: vi.fn(),
    isDestroyed: () => false,
  });
  const session = Object.assign(new EventEmitter(), {
    requestHandler: undefined as unknown as Parameters<
      ReturnType<ShellDeps['session']>['setPermissionRequestHandler']
    >[0],
    checkHandler: undefined as unknown as Parameters<
      ReturnType<ShellDeps['session']>['setPermissionCheckHandler']
    >[0],
    setPermissionRequestHandler: vi.fn((h) => {
      session.requestHandler = h;
    }),
    setPermissionCheckHandler: vi.fn((h) => {
      session.checkHandler = h;
    }),
    setDevicePermissionHandler: vi.fn(),
  });
  let gpuCrashes = 0;
  const stopHost = vi.fn(async () => {});
  const deps: ShellDeps = {
    app: app as unknown as ShellDeps['app'],
    createWindow: vi.fn(() => win as unknown as ReturnType<ShellDeps['createWindow']>),
    session: () => session as unknown as ReturnType<ShellDeps['session']>,
    setApplicationMenu: vi.fn(),
    preventDisplaySleep: vi.fn(() => 1),
    serveApp: vi.fn(),
    startHost: vi.fn(async () => stopHost),
    gpuMarker: { count: () => gpuCrashes, record: () => void gpuCrashes++ },
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    preloadPath: '/app/preload.cjs',
    development: false,
    unresponsiveGraceMs: 20,
    ...overrides,
  };
  return { app, contents, win, session, deps, stopHost, gpuCrashes: () => gpuCrashes };
}

const prevented = () => ({ preventDefault: vi.fn() });
const key = (k: Partial<{ key: string; control: boolean; alt: boolean; shift: boolean }>) => ({
  type: 'keyDown',
  key: '',
  control: false,
  alt: false,
  meta: false,
  shift: false,
  ...k,
});

describe('KioskShell', () => {
  it('quits when another instance holds the lock', async () => {
    const f = fakes();
    f.app.lock = false;
    expect(await new KioskShell(f.deps).start()).toBe(false);
    expect(f.app.quit).toHaveBeenCalled();
    expect(f.deps.createWindow).not.toHaveBeenCalled();
  });

  it('opens one sandboxed, isolated window on app://kiosk with no menu and no display sleep', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    const options = vi.mocked(f.deps.createWindow).mock.calls[0]![0];
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      webviewTag: false,
    });
    expect(options.kiosk).toBe(true);
    expect(f.deps.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(f.deps.preventDisplaySleep).toHaveBeenCalled();
    expect(f.contents.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(f.deps.startHost).toHaveBeenCalled();
  });

  it('vetoes window close, navigation away, new windows, webviews and downloads', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    const close = prevented();
    f.win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    const away = prevented();
    f.contents.emit('will-navigate', away, 'https://www.baidu.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const file = prevented();
    f.contents.emit('will-redirect', file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
    const inApp = prevented();
    f.contents.emit('will-navigate', inApp, 'app://kiosk/index.html#/home');
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    expect(f.contents.openHandler?.({ url: 'app://kiosk/x' })).toEqual({ action: 'deny' });
    const webview = prevented();
    f.contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const download = prevented();
    f.session.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('filters reload, DevTools and zoom keys but lets typing through', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    for (const k of [
      key({ key: 'F5' }),
      key({ key: 'I', control: true, shift: true }),
      key({ key: '=', control: true }),
      key({ key: 'F4', alt: true }),
    ]) {
      const e = prevented();
      f.contents.emit('before-input-event', e, k);
      expect(e.preventDefault, k.key).toHaveBeenCalled();
    }
    const typing = prevented();
    f.contents.emit('before-input-event', typing, key({ key: '张' }));
    expect(typing.preventDefault).not.toHaveBeenCalled();
  });

  it('allows only the camera, only for the kiosk origin', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) =>
        f.session.requestHandler({}, permission, resolve, { requestingUrl, mediaTypes }),
      );
    expect(await ask('media', 'app://kiosk/index.html', ['video'])).toBe(true);
    expect(await ask('media', 'app://kiosk/index.html', ['audio'])).toBe(false);
    expect(await ask('geolocation', 'app://kiosk/index.html')).toBe(false);
    expect(await ask('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(f.session.checkHandler({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(f.session.checkHandler({}, 'notifications', 'app://kiosk', {})).toBe(false);
  });

  it('reloads a crashed renderer, relaunches after repeated crashes', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    f.contents.loadURL.mockClear();
    for (let i = 0; i < 3; i++) f.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(f.contents.loadURL).toHaveBeenCalledTimes(3);
    expect(f.app.relaunch).not.toHaveBeenCalled();
    f.contents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(f.app.relaunch).toHaveBeenCalledOnce();
    expect(f.app.exit).toHaveBeenCalledWith(0);
  });

  it('crashes a hung renderer after the grace period so it is reloaded', async () => {
    const f = fakes();
    await new KioskShell(f.deps).start();
    f.win.emit('unresponsive');
    await vi.waitFor(() => expect(f.contents.forcefullyCrashRenderer).toHaveBeenCalled());
    f.win.emit('unresponsive');
    f.win.emit('responsive');
    await new Promise((r) => setTimeout(r, 40));
    expect(f.contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });

  it('records a GPU crash and starts without hardware acceleration next time', async () => {
    const first = fakes();
    await new KioskShell(first.deps).start();
    first.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    expect(first.gpuCrashes()).toBe(1);
    expect(first.app.disableHardwareAcceleration).not.toHaveBeenCalled();
    const second = fakes({ gpuMarker: { count: () => 1, record: () => {} } });
    await new KioskShell(second.deps).start();
    expect(second.app.disableHardwareAcceleration).toHaveBeenCalled();
  });

  it('admin exit is the only way out: it stops the host and quits', async () => {
    const f = fakes();
    const shell = new KioskShell(f.deps);
    await shell.start();
    await shell.adminExit();
    expect(f.stopHost).toHaveBeenCalled();
    expect(f.app.quit).toHaveBeenCalled();
    const close = prevented();
    f.win.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });
});
