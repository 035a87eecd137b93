import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachWebSocketBinding } from '../host/bindings/webSocketBinding';
import { loadConfig } from '../host/config/loadConfig';
import { hostResources } from '../host/hostResources';
import { startKioskHost } from '../host/kioskHost';
import { kioskServices } from '../host/kioskServices';
import { FileLog } from '../host/logging/logger';
import { defaultDataDir, hostPaths } from '../host/paths';
import { buildCsp } from '../host/security/csp';
import { findChromium } from './chromiumLocator';
import { type DemoCounty, startDemoCounty } from './demoCounty';
import { createStaticServer } from './staticServer';
import { BrowserSupervisor } from './supervisor';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BrowserHostOptions {
  /** Open Chromium (default) or only serve and print the URL. */
  open?: boolean;
  configFile?: string;
  dataDir?: string;
  /**
   * Fixed by default: IndexedDB (the offline queue) belongs to the page's origin, and the origin
   * includes the port — a random port would strand the queue on every restart.
   */
  port?: number;
  headless?: boolean;
  rendererDir?: string;
  /**
   * Demo profile: start a county gateway (embedded PGlite) beside the kiosk and enrol the kiosk
   * in it, so applications really sync. Default on; `--no-county` or CUNBAN_DEMO_COUNTY=0 turns it
   * off, and most tests do, because an embedded database costs seconds to start.
   */
  demoCounty?: boolean;
  /** Port of the demo county (default 47801; 0 picks a free one). */
  demoCountyPort?: number;
  log?: (line: string) => void;
  /** Extra Chromium switches (a bench attaches over `--remote-debugging-port` to watch the page). */
  chromiumArgs?: string[];
}

export const DEFAULT_PORT = 47800;

export interface BrowserHostHandle {
  url: string;
  origin: string;
  token: string;
  supervisor: BrowserSupervisor | undefined;
  stop(): Promise<void>;
  done: Promise<void>;
}

/**
 * `npm run start:browser`: the same host services and renderer as the Electron app, served on
 * 127.0.0.1 and shown in Chromium. Used to exercise the product where Electron cannot be
 * downloaded, and as a deployment mode where Electron has no build (LoongArch).
 */
export async function runBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHostHandle> {
  const say = options.log ?? ((line: string) => console.log(line));
  const rendererDir = options.rendererDir ?? join(repoRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    say('building the renderer (first start)…');
    const { build } = await import('vite');
    await build({ configFile: join(repoRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  }
  const wantsDemoCounty = options.demoCounty ?? process.env.CUNBAN_DEMO_COUNTY !== '0';
  if (wantsDemoCounty && !existsSync(join(repoRoot, 'dist', 'console', 'index.html'))) {
    say('building the county console (first start)…');
    const { build } = await import('vite');
    await build({
      configFile: join(repoRoot, 'sync', 'server', 'console', 'vite.config.ts'),
      logLevel: 'warn',
    });
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  const paths = hostPaths(dataDir);
  const explicitConfig = options.configFile ?? process.env.CUNBAN_CONFIG;
  const { config, source } = await loadConfig(explicitConfig ?? paths.config, { required: !!explicitConfig });
  const fileLog = new FileLog({ dir: paths.logs, retentionDays: config.retention.logDays });
  const log = fileLog.logger('browser-host');
  log.info('config loaded', { source, profile: config.profile });

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  let stopping: Promise<void> | undefined;
  let server: Server | undefined;
  let supervisor: BrowserSupervisor | undefined;
  let binding: ReturnType<typeof attachWebSocketBinding> | undefined;

  const resources = hostResources(paths);
  let demoCounty: DemoCounty | undefined;
  if (config.profile === 'demo' && wantsDemoCounty) {
    demoCounty = await startDemoCounty({
      paths,
      keys: resources.dataKey,
      log: fileLog.logger('demo-county'),
      port: options.demoCountyPort,
      version: packageVersion(),
    }).catch((error: Error) => {
      // The kiosk still works offline without it: applications wait in the queue.
      log.warn('demo county did not start', { error: error.message });
      say(`demo county did not start (${error.message}); applications stay queued on this kiosk`);
      return undefined;
    });
  }

  const host = await startKioskHost({
    config,
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: packageVersion(),
    onAdminExit: () => void stop(),
    services: (h) => kioskServices(h, fileLog, resources, demoCounty ? { demoCounty } : {}),
  });

  const token = randomBytes(24).toString('base64url');
  let origin = '';
  server = createStaticServer({
    root: rendererDir,
    csp: () =>
      buildCsp({ countyUrl: config.county?.url ?? null, extraConnect: [origin.replace(/^http/, 'ws')] }),
  });
  await new Promise<void>((resolve, reject) => {
    server?.once('error', reject);
    server?.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  binding = attachWebSocketBinding(server, host.contract, {
    token,
    allowedOrigins: [origin],
    onRejected: (reason) => log.warn('api connection refused', { reason }),
  });
  const url = `${origin}/#token=${token}`;

  async function stop(): Promise<void> {
    stopping ??= (async () => {
      await supervisor?.stop();
      binding?.close();
      await new Promise((r) => server?.close(r));
      server?.closeAllConnections?.();
      await host.stop();
      await demoCounty?.close();
      resolveDone();
    })();
    return stopping;
  }

  if (options.open !== false) {
    const executablePath = findChromium();
    if (!executablePath) {
      await stop();
      throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH');
    }
    supervisor = new BrowserSupervisor({
      url,
      appOrigin: origin,
      executablePath,
      userDataDir: join(dataDir, 'chromium-profile'),
      log: fileLog.logger('supervisor'),
      headless: options.headless,
      extraArgs: options.chromiumArgs,
    });
    await supervisor.start();
  }
  say(`Cunban kiosk (${config.profile}) serving at ${url}`);
  if (demoCounty) {
    say(`demo county gateway: ${demoCounty.url} — console ${demoCounty.url}/console/`);
    if (demoCounty.staffLogin)
      say(`  staff login: ${demoCounty.staffLogin.username} / ${demoCounty.staffLogin.password}`);
  }
  return { url, origin, token, supervisor, stop, done };
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
