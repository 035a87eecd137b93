import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import type { KioskServiceOptions } from '../host/kioskServices';
import {
  createAppImageInstaller,
  createDebInstaller,
  createNsisInstaller,
  detectPackageKind,
  releasePublicKey,
} from '../host/updates';
import type { Installer } from '../host/updates/updateScheduler';

/**
 * The Electron side of county updates: which installer fits how this kiosk was installed, and how
 * to restart into the new version. Everything else (schedule, rollout, cap, sha512, signature,
 * install window) is electron-free in main/host/updates.
 */
export async function electronUpdates(
  app: Pick<App, 'getVersion' | 'relaunch' | 'exit' | 'quit'>,
  downloadDir: string,
): Promise<KioskServiceOptions['updates'] | undefined> {
  const kind = await detectPackageKind(process.resourcesPath);
  const arch = process.arch === 'arm64' ? 'arm64' : process.arch === 'x64' ? 'x64' : undefined;
  if (!kind || !arch) return undefined;
  let installer: Installer;
  if (kind === 'deb') {
    // Under the systemd user unit a plain exit is enough: Restart=always starts the new binary.
    installer = createDebInstaller({ relaunch: () => app.exit(0) });
  } else if (kind === 'AppImage' && process.env.APPIMAGE) {
    installer = createAppImageInstaller({
      appImagePath: process.env.APPIMAGE,
      relaunch: (execPath) => {
        app.relaunch({ execPath });
        app.exit(0);
      },
    });
  } else if (kind === 'nsis') {
    installer = createNsisInstaller({ quit: () => app.quit() });
  } else {
    return undefined;
  }
  // The county's release key ships inside the package (build/linux/update-signing.pem → resources/linux).
  const keyFile = join(process.resourcesPath, 'linux', 'update-signing.pem');
  const key = existsSync(keyFile) ? releasePublicKey(readFileSync(keyFile, 'utf8')) : undefined;
  return {
    installer,
    platform: { os: process.platform === 'win32' ? 'win' : 'linux', arch, packageKind: kind },
    currentVersion: app.getVersion(),
    downloadDir,
    ...(key ? { releasePublicKey: key } : {}),
  };
}
