/**
 * The slices of Electron the shell uses, as structural types: the real objects fit them (checked
 * by main/shell/main.ts, which passes them), and tests pass small fakes.
 */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'before-input-event',
    listener: (
      event: PreventableEvent,
      input: { type: string; key: string; control: boolean; alt: boolean; meta: boolean; shift: boolean },
    ) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  reload(): void;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  setVisualZoomLevelLimits(min: number, max: number): Promise<void>;
}

export interface KioskWindowLike {
  readonly webContents: WebContentsLike;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'unresponsive' | 'responsive' | 'ready-to-show' | 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  on(
    event: 'child-process-gone',
    listener: (event: unknown, details: { type: string; reason: string }) => void,
  ): unknown;
  on(event: 'window-all-closed' | 'before-quit', listener: () => void): unknown;
  whenReady(): Promise<unknown>;
  disableHardwareAcceleration(): void;
  relaunch(): void;
  exit(code?: number): void;
  quit(): void;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; mediaTypes?: string[] },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { mediaType?: string },
    ) => boolean,
  ): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

export interface ShellDeps {
  app: AppLike;
  createWindow(options: ReturnType<typeof import('./windowOptions').kioskWindowOptions>): KioskWindowLike;
  /** A function: Electron's default session exists only after app ready. */
  session(): SessionLike;
  setApplicationMenu(menu: null): void;
  preventDisplaySleep(): number;
  /** Registers the app:// handler (after ready). */
  serveApp(): void;
  /** Starts the electron-free host and binds it to IPC; returns a stop function. */
  startHost(hooks: {
    onAdminExit(): void;
    sinks: () => { send(c: string, p: unknown): void; isDestroyed(): boolean }[];
  }): Promise<() => Promise<void>>;
  gpuMarker: { count(): number; record(): void };
  log: {
    info(m: string, f?: Record<string, unknown>): void;
    warn(m: string, f?: Record<string, unknown>): void;
    error(m: string, f?: Record<string, unknown>): void;
  };
  preloadPath: string;
  development: boolean;
  /** How long a hung renderer gets before it is crashed and reloaded. */
  unresponsiveGraceMs?: number;
}
