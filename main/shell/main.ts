import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
} from 'electron';
import { loadConfig } from '../host/config/loadConfig';
import { hostResources } from '../host/hostResources';
import { startKioskHost } from '../host/kioskHost';
import { kioskServices } from '../host/kioskServices';
import { FileLog } from '../host/logging/logger';
import { hostPaths } from '../host/paths';
import { safeStorageDataKey } from '../host/secure/dataKey';
import { buildCsp } from '../host/security/csp';
import { APP_ORIGIN, appSchemePrivileges, resolveAppRequest } from './appProtocol';
import { electronHtmlToPdf, PDF_WINDOW_OPTIONS } from './electronHtmlToPdf';
import { electronUpdates } from './electronUpdates';
import { bindIpc } from './ipcBinding';
import { KioskShell } from './kioskShell';

/**
 * Electron entry point (bundled to dist/main/shell.js). The only place that touches the real
 * Electron objects: it hands them to KioskShell and starts the same electron-free host the
 * browser host runs.
 */
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const paths = hostPaths(process.env.CUNBAN_DATA_DIR ?? app.getPath('userData'));
const development = !app.isPackaged && process.env.CUNBAN_DEV === '1';
const fileLog = new FileLog({ dir: paths.logs, echo: development });
const log = fileLog.logger('shell');
const gpuMarkerFile = join(paths.state, 'gpu-crashes');

const shell = new KioskShell({
  app,
  createWindow: (options) => new BrowserWindow(options),
  session: () => session.defaultSession,
  setApplicationMenu: (menu) => Menu.setApplicationMenu(menu),
  preventDisplaySleep: () => powerSaveBlocker.start('prevent-display-sleep'),
  preloadPath: join(here, 'preload.cjs'),
  development,
  log,
  gpuMarker: {
    count: () => (existsSync(gpuMarkerFile) ? Number(readFileSync(gpuMarkerFile, 'utf8')) || 0 : 0),
    record: () => {
      mkdirSync(paths.state, { recursive: true });
      writeFileSync(
        gpuMarkerFile,
        String((Number(existsSync(gpuMarkerFile) && readFileSync(gpuMarkerFile, 'utf8')) || 0) + 1),
      );
    },
  },
  serveApp: () => {
    let csp = "default-src 'self'";
    void loadConfig(process.env.CUNBAN_CONFIG ?? paths.config).then(({ config }) => {
      csp = buildCsp({ countyUrl: config.county?.url ?? null });
    });
    protocol.handle('app', async (request) => {
      const resolved = resolveAppRequest(request.url, rendererDir);
      if (!resolved) return new Response('not found', { status: 404 });
      try {
        const body = await readFile(resolved.file);
        return new Response(body, {
          headers: {
            'content-type': resolved.mimeType,
            'content-security-policy': csp,
            'x-content-type-options': 'nosniff',
          },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
  },
  async startHost({ onAdminExit, sinks }) {
    const { config, source } = await loadConfig(process.env.CUNBAN_CONFIG ?? paths.config, {
      required: !!process.env.CUNBAN_CONFIG,
    });
    log.info('config loaded', { source, profile: config.profile });
    // Only installed builds update themselves; a development run never replaces anything.
    const updates = app.isPackaged ? await electronUpdates(app, join(paths.state, 'updates')) : undefined;
    const host = await startKioskHost({
      config,
      paths,
      log: fileLog,
      hostKind: 'electron',
      version: app.getVersion(),
      onAdminExit,
      // The data key is wrapped by the OS keyring through safeStorage where the OS offers one.
      services: (h) =>
        kioskServices(
          h,
          fileLog,
          hostResources(paths, safeStorageDataKey(join(paths.keys, 'data.key'), safeStorage)),
          {
            ...(updates ? { updates } : {}),
            htmlToPdf: electronHtmlToPdf(() => new BrowserWindow(PDF_WINDOW_OPTIONS)),
          },
        ),
    });
    const unbind = bindIpc(ipcMain, host.contract, APP_ORIGIN, sinks);
    return async () => {
      unbind();
      await host.stop();
    };
  },
});

void shell.start().catch((error) => {
  log.error('shell failed to start', { error: String(error) });
  app.exit(1);
});
