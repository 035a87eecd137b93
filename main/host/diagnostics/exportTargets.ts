import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** Where removable media is mounted on the Linux distributions kiosks run (udisks, usbmount, by hand). */
const REMOVABLE_ROOTS = ['/media/', '/run/media/', '/mnt/'];

/**
 * Folders the log export may write to: mounted USB sticks plus the kiosk's own export folder.
 * The renderer chooses from this list; any other path is refused, so the console cannot be used
 * to write files anywhere on the machine.
 */
export async function listExportTargets(
  ownExportDir: string,
  mountsFile = '/proc/mounts',
): Promise<string[]> {
  let mounts = '';
  try {
    mounts = await readFile(mountsFile, 'utf8');
  } catch {}
  const points = mounts
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((p): p is string => !!p && REMOVABLE_ROOTS.some((root) => p.startsWith(root)));
  return [...new Set([...points, ownExportDir])];
}

export function isAllowedExportFolder(folder: string, allowed: string[]): boolean {
  const target = resolve(folder);
  return allowed.some((root) => target === resolve(root) || target.startsWith(resolve(root) + sep));
}
