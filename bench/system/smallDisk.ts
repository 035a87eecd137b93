import { execFile } from 'node:child_process';
import { open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MB = 2 ** 20;

/**
 * A real, small disk for the kiosk's data folder: a tmpfs of `sizeMb` mounted on it, so that
 * "fill the disk to the guard threshold" fills an actual file system and the queue's real disk
 * guard (real statfs) refuses the submission. Needs root (the bench machines run as root);
 * `mount()` says why when it cannot, and the caller reports the step as not run.
 */
export interface SmallDisk {
  mounted: boolean;
  why?: string;
  freeMb(): Promise<number>;
  /** Writes a filler file until `leaveMb` megabytes are free. */
  fillTo(leaveMb: number): Promise<number>;
  free(): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountSmallDisk(dir: string, sizeMb: number): Promise<SmallDisk> {
  const filler = join(dir, '.bench-filler');
  let mounted = false;
  let why: string | undefined;
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir]);
    mounted = true;
  } catch (error) {
    why = `no tmpfs mount (${(error as Error).message.split('\n')[0]})`;
  }
  const freeMb = async () => {
    const s = await statfs(dir);
    return (s.bavail * s.bsize) / MB;
  };
  return {
    mounted,
    why,
    freeMb,
    async fillTo(leaveMb) {
      const handle = await open(filler, 'a');
      try {
        const chunk = Buffer.alloc(4 * MB, 0x5a);
        for (let free = await freeMb(); free > leaveMb; free = await freeMb()) {
          const bytes = Math.min(chunk.length, Math.floor((free - leaveMb) * MB) || 4096);
          await handle.write(chunk, 0, bytes);
        }
      } finally {
        await handle.close();
      }
      return freeMb();
    },
    free: () => rm(filler, { force: true }),
    async unmount() {
      if (mounted) await run('umount', ['-l', dir]).catch(() => {});
    },
  };
}
