import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedExportFolder, listExportTargets } from './exportTargets';

describe('export targets', () => {
  it('lists removable mounts and the own export folder, and refuses anything else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-mounts-'));
    const mounts = join(dir, 'mounts');
    await writeFile(
      mounts,
      [
        '/dev/sda1 / ext4 rw 0 0',
        '/dev/sdb1 /media/kiosk/USB\\040STICK vfat rw 0 0',
        'proc /proc proc rw 0 0',
      ].join('\n'),
    );
    const targets = await listExportTargets('/data/exports', mounts);
    expect(targets).toEqual(['/media/kiosk/USB STICK', '/data/exports']);
    expect(isAllowedExportFolder('/media/kiosk/USB STICK/logs', targets)).toBe(true);
    expect(isAllowedExportFolder('/media/kiosk/USB STICK/../../../etc', targets)).toBe(false);
    expect(isAllowedExportFolder('/etc', targets)).toBe(false);
  });
});
