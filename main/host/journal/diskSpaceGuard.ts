import { statfs } from 'node:fs/promises';

/**
 * Refuses new applications when the disk is nearly full. Chromium can corrupt and reset
 * IndexedDB on a full disk (electron/electron #41877), and a half-written journal helps nobody,
 * so the check runs before anything of the application is written.
 */
export type StatFs = (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

export class DiskSpaceError extends Error {
  readonly messageZh = '本机存储空间不足，暂时不能受理新的申请。请联系工作人员清理后再试。';
  constructor(
    readonly freeMegabytes: number,
    readonly minFreeMegabytes: number,
  ) {
    super(`only ${freeMegabytes} MB free on the journal disk; at least ${minFreeMegabytes} MB are required`);
    this.name = 'DiskSpaceError';
  }
}

export async function freeMegabytes(path: string, stat: StatFs = statfs): Promise<number> {
  const info = await stat(path);
  return Math.floor((Number(info.bavail) * Number(info.bsize)) / (1024 * 1024));
}

export async function assertFreeSpace(
  path: string,
  minFreeMegabytes: number,
  stat: StatFs = statfs,
): Promise<void> {
  const free = await freeMegabytes(path, stat);
  if (free < minFreeMegabytes) throw new DiskSpaceError(free, minFreeMegabytes);
}
