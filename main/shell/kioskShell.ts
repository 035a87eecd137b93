import { isBlockedKey } from '../../contract/policy/keyFilter';
import { CrashPolicy, isGpuCrash, shouldDisableGpu } from '../host/recovery/crashPolicy';
import { isAllowedNavigation } from '../host/security/navigationPolicy';
import { isPermissionAllowed } from '../host/security/permissionPolicy';
import { APP_ORIGIN, APP_URL } from './appProtocol';
import type { KioskWindowLike, ShellDeps } from './shellDeps';
import { kioskWindowOptions } from './windowOptions';

/**
 * The Electron shell: one locked-down window on app://kiosk, every policy an explicit allowlist,
 * and self-healing (reload a crashed or hung renderer, relaunch after repeated crashes, no GPU
 * after a GPU crash). All Electron objects are injected, so this is tested with fakes.
 */
export class KioskShell {
  private window: KioskWindowLike | undefined;
  private allowClose = false;
  private stopHost: (() => Promise<void>) | undefined;
  private unresponsiveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly crashPolicy = new CrashPolicy();

  constructor(private readonly deps: ShellDeps) {}

  /** Returns false when another instance already runs (this one then quits). */
  async start(): Promise<boolean> {
    const { app, log } = this.deps;
    if (!app.requestSingleInstanceLock()) {
      log.warn('another kiosk instance is running; quitting');
      app.quit();
      return false;
    }
    app.on('second-instance', () => {
      if (this.window?.isMinimized()) this.window.restore();
      this.window?.focus();
    });
    if (shouldDisableGpu(this.deps.gpuMarker.count())) {
      log.warn('hardware acceleration off after an earlier GPU crash');
      app.disableHardwareAcceleration();
    }
    app.on('child-process-gone', (_e, details) => {
      if (isGpuCrash(details)) {
        log.error('GPU process crashed; next start runs without hardware acceleration', {
          reason: details.reason,
        });
        this.deps.gpuMarker.record();
      }
    });
    // The kiosk never closes because its window did; only the admin path quits.
    app.on('window-all-closed', () => {
      if (this.allowClose) app.quit();
    });

    await app.whenReady();
    this.deps.setApplicationMenu(null);
    this.lockSession();
    this.deps.serveApp();
    this.stopHost = await this.deps.startHost({
      onAdminExit: () => this.adminExit(),
      sinks: () => (this.window && !this.window.isDestroyed() ? [this.window.webContents] : []),
    });
    this.deps.preventDisplaySleep();
    this.openWindow();
    return true;
  }

  /** IT staff left through the admin path: the only way the kiosk closes. */
  async adminExit(): Promise<void> {
    this.allowClose = true;
    await this.stopHost?.();
    this.deps.app.quit();
  }

  private lockSession(): void {
    const session = this.deps.session();
    session.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const requestingOrigin = originOf(details.requestingUrl ?? '');
      callback(
        isPermissionAllowed({ permission, requestingOrigin, mediaTypes: details.mediaTypes }, APP_ORIGIN),
      );
    });
    session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
      isPermissionAllowed(
        {
          permission,
          requestingOrigin: originOf(requestingOrigin),
          mediaTypes: details.mediaType ? [details.mediaType] : undefined,
        },
        APP_ORIGIN,
      ),
    );
    session.setDevicePermissionHandler?.(() => false); // no WebHID/WebUSB/WebSerial for page code
    session.on('will-download', (event) => event.preventDefault());
  }

  private openWindow(): void {
    const { deps } = this;
    const win = deps.createWindow(
      kioskWindowOptions({ preloadPath: deps.preloadPath, development: deps.development }),
    );
    this.window = win;
    const contents = win.webContents;

    win.on('close', (event) => {
      if (!this.allowClose) {
        event.preventDefault(); // Alt+F4 and window close are vetoed
        deps.log.warn('window close vetoed');
      }
    });
    win.on('ready-to-show', () => win.show());
    const guardNavigation = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url, APP_ORIGIN)) {
        event.preventDefault();
        deps.log.warn('navigation blocked', { origin: originOf(url) || 'invalid' });
      }
    };
    contents.on('will-navigate', guardNavigation);
    contents.on('will-redirect', guardNavigation);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('before-input-event', (event, input) => {
      if (!deps.development && isBlockedKey(input)) event.preventDefault();
    });
    contents.on('did-finish-load', () => void contents.setVisualZoomLevelLimits(1, 1).catch(() => {}));
    contents.on('render-process-gone', (_e, details) => this.onRendererGone(details.reason));
    win.on('unresponsive', () => {
      deps.log.warn('renderer unresponsive');
      this.unresponsiveTimer = setTimeout(() => {
        if (!contents.isDestroyed()) contents.forcefullyCrashRenderer(); // render-process-gone heals it
      }, deps.unresponsiveGraceMs ?? 10_000);
    });
    win.on('responsive', () => clearTimeout(this.unresponsiveTimer));
    void contents.loadURL(APP_URL);
  }

  private onRendererGone(reason: string): void {
    const action = this.crashPolicy.onRendererGone(reason);
    this.deps.log.error('renderer gone', { reason, action });
    if (action === 'reload' && this.window && !this.window.isDestroyed()) {
      void this.window.webContents.loadURL(APP_URL);
    } else if (action === 'relaunch') {
      this.allowClose = true;
      this.deps.app.relaunch();
      this.deps.app.exit(0);
    }
  }
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '';
  }
}
