import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDebInstaller } from './debInstaller';
import type { DownloadedUpdate } from './updateScheduler';

const dir = mkdtempSync(join(tmpdir(), 'cunban-deb-'));
const update: DownloadedUpdate = {
  version: '1.3.0',
  releaseDate: '2026-11-29T10:00:00.000Z',
  packageKind: 'deb',
  path: '/var/cache/cunban/cunban-1.3.0-linux-amd64.deb',
  fileName: 'cunban-1.3.0-linux-amd64.deb',
  sha512: 'AAAA',
  sha512Hex: 'ab'.repeat(64),
  signature: 'c2lnbmF0dXJl',
};

// A stand-in for `pkexec cunban-install-update`: records its arguments, exits with the given code.
function fakeHelper(exitCode: number): { command: string[]; argsFile: string } {
  const script = join(dir, `helper-${exitCode}.sh`);
  const argsFile = join(dir, `args-${exitCode}.txt`);
  writeFileSync(
    script,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\necho "helper says no" >&2\nexit ${exitCode}\n`,
  );
  chmodSync(script, 0o755);
  return { command: [script], argsFile };
}

describe('deb installer', () => {
  it('runs the root helper with the file and hex sha512, then relaunches', async () => {
    const helper = fakeHelper(0);
    let relaunched = 0;
    await createDebInstaller({
      helperCommand: helper.command,
      relaunch: () => relaunched++,
    }).installAndRestart(update);
    expect(readFileSync(helper.argsFile, 'utf8').trim().split('\n')).toEqual([
      update.path,
      update.sha512Hex,
      update.signature,
    ]);
    expect(relaunched).toBe(1);
  });

  it('rejects with the helper output and does not relaunch when the helper refuses', async () => {
    const helper = fakeHelper(2);
    let relaunched = 0;
    const installer = createDebInstaller({ helperCommand: helper.command, relaunch: () => relaunched++ });
    await expect(installer.installAndRestart(update)).rejects.toThrow(/exited with 2: helper says no/);
    expect(relaunched).toBe(0);
  });

  it('refuses an unsigned release before calling the helper', async () => {
    const helper = fakeHelper(0);
    const installer = createDebInstaller({ helperCommand: helper.command, relaunch: () => {} });
    await expect(installer.installAndRestart({ ...update, signature: undefined })).rejects.toThrow(
      /unsigned/,
    );
  });

  it('refuses other package kinds', async () => {
    const installer = createDebInstaller({ helperCommand: ['/bin/true'], relaunch: () => {} });
    await expect(installer.installAndRestart({ ...update, packageKind: 'AppImage' })).rejects.toThrow(
      /AppImage/,
    );
  });
});
