// Which installer applies to this kiosk. electron-builder writes `resources/package-type`
// ("deb", "AppImage", …) into Linux packages that carry a publish configuration; Windows builds are NSIS.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageKind } from './updateFeed';

export async function detectPackageKind(
  resourcesPath: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PackageKind | undefined> {
  if (platform === 'win32') return 'nsis';
  if (platform !== 'linux') return undefined;
  // An AppImage mounts its own resources; APPIMAGE is set by the AppImage runtime.
  if (env.APPIMAGE) return 'AppImage';
  const text = await readFile(join(resourcesPath, 'package-type'), 'utf8').catch(() => '');
  const kind = text.trim();
  return kind === 'deb' || kind === 'AppImage' ? kind : undefined;
}
