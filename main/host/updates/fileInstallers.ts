// Installers for AppImage and NSIS kiosks that need no root: the kiosk account owns the AppImage
// file (or the per-user NSIS install), so the verified download can be put in place directly.
// Electron-specific parts (relaunch, quit) are injected by the shell adapter.
import { spawn } from 'node:child_process';
import { chmod, copyFile, rename, rm } from 'node:fs/promises';
import type { DownloadedUpdate, Installer } from './updateScheduler';

export interface AppImageInstallerOptions {
  /** The running AppImage (`process.env.APPIMAGE`). */
  appImagePath: string;
  /** Starts the given AppImage and exits this process (Electron: app.relaunch({ execPath }); app.exit(0)). */
  relaunch(execPath: string): void;
}

/**
 * Replaces the AppImage file atomically: copy beside it, make it executable, rename over it. The
 * running process keeps its open (old) inode; if any step fails the old file is still in place.
 */
export function createAppImageInstaller(options: AppImageInstallerOptions): Installer {
  return {
    async installAndRestart(update: DownloadedUpdate): Promise<void> {
      if (update.packageKind !== 'AppImage')
        throw new Error(`AppImage installer cannot install a ${update.packageKind}`);
      const staged = `${options.appImagePath}.update-${update.version}`;
      try {
        await copyFile(update.path, staged);
        await chmod(staged, 0o755);
        await rename(staged, options.appImagePath);
      } catch (error) {
        await rm(staged, { force: true });
        throw error;
      }
      options.relaunch(options.appImagePath);
    },
  };
}

export interface NsisInstallerOptions {
  /** Exits the app so the installer can replace its files (Electron: app.quit()). */
  quit(): void;
  /** For tests: how to start the installer. */
  spawnInstaller?: (file: string, args: string[]) => Promise<void>;
}

/** electron-builder's NSIS installer flags: silent, marked as an update, and start the app afterwards. */
export const nsisUpdateArgs = ['/S', '--updated', '--force-run'];

function spawnDetached(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/** Starts the verified per-user NSIS installer detached, then quits so it can replace the app. */
export function createNsisInstaller(options: NsisInstallerOptions): Installer {
  const start = options.spawnInstaller ?? spawnDetached;
  return {
    async installAndRestart(update: DownloadedUpdate): Promise<void> {
      if (update.packageKind !== 'nsis')
        throw new Error(`NSIS installer cannot install a ${update.packageKind}`);
      await start(update.path, nsisUpdateArgs);
      options.quit();
    },
  };
}
