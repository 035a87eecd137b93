import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Logger } from '../host/logging/logger';
import { CrashPolicy } from '../host/recovery/crashPolicy';
import { isAllowedNavigation } from '../host/security/navigationPolicy';

export interface SupervisorOptions {
  /** Full URL including the token fragment. */
  url: string;
  appOrigin: string;
  executablePath: string;
  /** A persistent, isolated profile: IndexedDB (the RxDB queue) lives here and must survive restarts. */
  userDataDir: string;
  log: Logger;
  /** Full-screen kiosk window; false gives an app window (IT staff on a desktop). */
  kiosk?: boolean;
  headless?: boolean;
  extraArgs?: string[];
  /** How often the page is asked to answer; a page that does not answer in half of this is hung. */
  hangCheckMs?: number;
  crashPolicy?: CrashPolicy;
}

const BASE_ARGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-translate',
  '--disable-features=Translate,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-session-crashed-bubble',
  '--noerrdialogs',
  '--autoplay-policy=no-user-gesture-required',
  '--lang=zh-CN',
];

/**
 * The browser host's equivalent of the Electron shell: launches Chromium on an isolated profile,
 * keeps the page on the kiosk origin (navigations elsewhere aborted, popups closed, only the
 * camera permission granted), heals a crashed or hung page, and relaunches Chromium if it exits
 * — repeated crashes in a short window escalate from reload to relaunch.
 */
export class BrowserSupervisor {
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private stopping = false;
  private hangTimer: ReturnType<typeof setInterval> | undefined;
  private readonly crashPolicy: CrashPolicy;
  private healing: Promise<void> | undefined;
  /** Set while the supervisor itself opens a page, so that page is not taken for a popup. */
  private openingOwnPage = false;
  /** Counters for tests and the health report. */
  readonly stats = { launches: 0, reloads: 0, relaunches: 0, blockedNavigations: 0, closedPopups: 0 };

  constructor(private readonly options: SupervisorOptions) {
    this.crashPolicy = options.crashPolicy ?? new CrashPolicy();
  }

  get currentPage(): Page | undefined {
    return this.page;
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.launch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.hangTimer) clearInterval(this.hangTimer);
    await this.context?.close().catch(() => {});
    this.context = undefined;
    this.page = undefined;
  }

  private async launch(): Promise<void> {
    const { options } = this;
    this.stats.launches++;
    const windowArgs = options.headless
      ? []
      : options.kiosk === false
        ? []
        : ['--kiosk', '--start-fullscreen'];
    const context = await chromium.launchPersistentContext(options.userDataDir, {
      executablePath: options.executablePath,
      headless: options.headless ?? false,
      args: [
        ...BASE_ARGS,
        ...windowArgs,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...(options.extraArgs ?? []),
      ],
      ignoreDefaultArgs: ['--enable-automation'],
      viewport: null,
      locale: 'zh-CN',
      acceptDownloads: false,
    });
    this.context = context;
    await context.grantPermissions(['camera'], { origin: options.appOrigin });
    await context.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && !isAllowedNavigation(request.url(), options.appOrigin)) {
        this.stats.blockedNavigations++;
        options.log.warn('navigation blocked', { url: new URL(request.url()).origin });
        // ERR_ABORTED cancels the navigation like a user pressing stop: no error page replaces the app.
        return route.abort('aborted');
      }
      return route.continue();
    });
    context.on('page', (page) => {
      if (!this.openingOwnPage && page !== this.page) {
        this.stats.closedPopups++;
        options.log.warn('popup closed');
        void page.close().catch(() => {});
      }
    });
    context.on('close', () => {
      if (this.context !== context || this.stopping) return;
      options.log.warn('chromium exited; relaunching');
      this.stats.relaunches++;
      this.context = undefined;
      setTimeout(
        () => void this.launch().catch((e) => options.log.error('relaunch failed', { error: String(e) })),
        500,
      );
    });
    const page = context.pages()[0] ?? (await this.newOwnPage(context));
    await this.attachPage(page);
    this.startHangCheck();
  }

  private async attachPage(page: Page): Promise<void> {
    this.page = page;
    page.on('crash', () => void this.heal('crashed'));
    // Last line of defence: if the main frame ever lands off the kiosk origin (an error page, a
    // navigation that slipped past), bring the app back.
    page.on('framenavigated', (frame) => {
      if (
        frame !== page.mainFrame() ||
        this.stopping ||
        isAllowedNavigation(frame.url(), this.options.appOrigin)
      )
        return;
      this.options.log.warn('page left the kiosk origin; returning');
      void page.goto(this.options.url, { waitUntil: 'domcontentloaded' }).catch(() => {});
    });
    await page.goto(this.options.url, { waitUntil: 'domcontentloaded' }).catch((error) => {
      this.options.log.error('kiosk page failed to load', { error: String(error) });
    });
  }

  /** Reload into a fresh page (a crashed page object cannot be reused), or relaunch Chromium. */
  private heal(reason: string): Promise<void> {
    if (this.healing || this.stopping) return this.healing ?? Promise.resolve();
    const action = this.crashPolicy.onRendererGone(reason);
    this.options.log.warn('renderer gone', { reason, action });
    this.healing = (async () => {
      const context = this.context;
      if (!context) return;
      if (action === 'relaunch') {
        this.stats.relaunches++;
        this.context = undefined;
        await context.close().catch(() => {});
        await this.launch();
        return;
      }
      this.stats.reloads++;
      const old = this.page;
      const fresh = await this.newOwnPage(context);
      await old?.close().catch(() => {});
      await this.attachPage(fresh);
    })()
      .catch((error) => this.options.log.error('healing failed', { error: String(error) }))
      .finally(() => {
        this.healing = undefined;
      });
    return this.healing;
  }

  private async newOwnPage(context: BrowserContext): Promise<Page> {
    this.openingOwnPage = true;
    try {
      return await context.newPage();
    } finally {
      this.openingOwnPage = false;
    }
  }

  private startHangCheck(): void {
    if (this.hangTimer) clearInterval(this.hangTimer);
    const every = this.options.hangCheckMs ?? 15_000;
    this.hangTimer = setInterval(async () => {
      const page = this.page;
      if (!page || this.healing || this.stopping) return;
      const answered = await Promise.race([
        page
          .evaluate(() => 1)
          .then(
            () => true,
            () => true,
          ),
        new Promise<boolean>((r) => setTimeout(() => r(false), every / 2)),
      ]);
      if (!answered && page === this.page) void this.heal('unresponsive');
    }, every);
    this.hangTimer.unref?.();
  }

  /** Waits until any healing in progress has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await this.healing;
  }
}
