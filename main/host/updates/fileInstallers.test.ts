import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppImageInstaller, createNsisInstaller, nsisUpdateArgs } from './fileInstallers';
import { detectPackageKind } from './packageKind';
import type { DownloadedUpdate } from './updateScheduler';

const dir = mkdtempSync(join(tmpdir(), 'cunban-inst-'));
const downloaded = (kind: DownloadedUpdate['packageKind'], content: string): DownloadedUpdate => {
  const path = join(dir, `download-${kind}`);
  writeFileSync(path, content);
  return {
    version: '1.3.0',
    releaseDate: '',
    packageKind: kind,
    path,
    fileName: 'x',
    sha512: '',
    sha512Hex: '',
  };
};

describe('AppImage installer', () => {
  it('puts the new AppImage in place, executable, and relaunches it', async () => {
    const appImage = join(dir, 'cunban.AppImage');
    writeFileSync(appImage, 'old');
    const relaunched: string[] = [];
    await createAppImageInstaller({
      appImagePath: appImage,
      relaunch: (p) => relaunched.push(p),
    }).installAndRestart(downloaded('AppImage', 'new'));
    expect(readFileSync(appImage, 'utf8')).toBe('new');
    expect(statSync(appImage).mode & 0o111).toBe(0o111);
    expect(relaunched).toEqual([appImage]);
  });

  it('leaves the running AppImage alone when it cannot be replaced', async () => {
    const appImage = join(dir, 'missing-dir', 'cunban.AppImage');
    let relaunched = false;
    const installer = createAppImageInstaller({
      appImagePath: appImage,
      relaunch: () => (relaunched = true),
    });
    await expect(installer.installAndRestart(downloaded('AppImage', 'new'))).rejects.toThrow();
    expect(relaunched).toBe(false);
  });
});

describe('NSIS installer', () => {
  it('starts the installer silently as an update, then quits', async () => {
    const calls: string[] = [];
    const installer = createNsisInstaller({
      quit: () => calls.push('quit'),
      spawnInstaller: async (file, args) => void calls.push(`${file} ${args.join(' ')}`),
    });
    const update = downloaded('nsis', 'MZ');
    await installer.installAndRestart(update);
    expect(calls).toEqual([`${update.path} ${nsisUpdateArgs.join(' ')}`, 'quit']);
  });

  it('does not quit when the installer cannot start', async () => {
    let quit = false;
    const installer = createNsisInstaller({ quit: () => (quit = true) });
    await expect(
      installer.installAndRestart({ ...downloaded('nsis', 'MZ'), path: join(dir, 'nope.exe') }),
    ).rejects.toThrow();
    expect(quit).toBe(false);
  });
});

describe('detectPackageKind', () => {
  it('reads electron-builder’s package-type file on Linux and knows NSIS and AppImage', async () => {
    const resources = join(dir, 'resources');
    mkdirSync(resources, { recursive: true });
    writeFileSync(join(resources, 'package-type'), 'deb\n');
    expect(await detectPackageKind(resources, 'linux', {})).toBe('deb');
    expect(await detectPackageKind(resources, 'linux', { APPIMAGE: '/opt/x.AppImage' })).toBe('AppImage');
    expect(await detectPackageKind(resources, 'win32', {})).toBe('nsis');
    expect(await detectPackageKind(join(dir, 'none'), 'linux', {})).toBeUndefined();
    expect(await detectPackageKind(resources, 'darwin', {})).toBeUndefined();
  });
});
