import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelFileName, classifyArtifact, writeRelease } from './releaseMetadata';

function fakeArtifact(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cunban-art-'));
  writeFileSync(join(dir, name), 'x');
  return join(dir, name);
}

describe('classifyArtifact', () => {
  it('recognises electron-builder artifact names', () => {
    expect(classifyArtifact('cunban-1.3.0-linux-amd64.deb')).toEqual({
      os: 'linux',
      arch: 'x64',
      kind: 'deb',
    });
    expect(classifyArtifact('cunban_1.3.0_arm64.deb')).toEqual({ os: 'linux', arch: 'arm64', kind: 'deb' });
    expect(classifyArtifact('cunban-1.3.0-linux-x86_64.AppImage')).toEqual({
      os: 'linux',
      arch: 'x64',
      kind: 'AppImage',
    });
    expect(classifyArtifact('cunban-1.3.0-linux-arm64.AppImage')?.arch).toBe('arm64');
    expect(classifyArtifact('cunban-1.3.0-win-x64-setup.exe')).toEqual({
      os: 'win',
      arch: 'x64',
      kind: 'nsis',
    });
    expect(classifyArtifact('cunban-1.3.0.deb')).toBeUndefined(); // architecture unknown
    expect(classifyArtifact('cunban-1.3.0-x64.rpm')).toBeUndefined();
  });
  it('names channel files the way electron-updater looks for them', () => {
    expect(channelFileName('latest', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('latest', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(channelFileName('beta', 'win', 'x64')).toBe('beta.yml');
  });
});

describe('writeRelease refuses what kiosks could not use safely', () => {
  const outDir = () => mkdtempSync(join(tmpdir(), 'cunban-out-'));
  it.each([
    ['a name with CJK or spaces', '村办自助终端-1.3.0-x64.deb', /plain ASCII/],
    ['an unknown architecture', 'cunban-1.3.0.deb', /platform and architecture/],
    ['an artifact of another version', 'cunban-1.2.9-linux-amd64.deb', /does not carry version/],
  ])('%s', async (_what, name, message) => {
    const out = outDir();
    await expect(
      writeRelease({ version: '1.3.0', artifacts: [fakeArtifact(name)], outDir: out }),
    ).rejects.toThrow(message);
    expect(existsSync(join(out, 'latest-linux.yml'))).toBe(false);
  });
  it('a non-semantic version or channel', async () => {
    const art = fakeArtifact('cunban-1.3-linux-amd64.deb');
    await expect(writeRelease({ version: '1.3', artifacts: [art], outDir: outDir() })).rejects.toThrow(
      /semantic/,
    );
    await expect(
      writeRelease({ version: '1.3.0', channel: '../x', artifacts: [art], outDir: outDir() }),
    ).rejects.toThrow(/channel/);
  });
  it('no artifacts at all', async () => {
    await expect(writeRelease({ version: '1.3.0', artifacts: [], outDir: outDir() })).rejects.toThrow(
      /no deb/,
    );
  });
});
