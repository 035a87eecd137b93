// End to end: IT staff publish a signed release with the CLI, the gateway plugin serves the folder
// on loopback, and a kiosk's UpdateScheduler downloads, verifies and installs it — following the
// rollout — through the real deb root helper (build/linux/cunban-install-update, in --dry-run).
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDebInstaller } from '../main/host/updates/debInstaller';
import { openingHoursSchema } from '../main/host/updates/openingHours';
import { type DownloadedUpdate, UpdateScheduler } from '../main/host/updates/updateScheduler';
import { updatesPlugin } from '../sync/server/updates/updatesPlugin';
import { cliMain, runReleaseUpdate } from './release-update';

const here = import.meta.dirname ?? '.';
const build = mkdtempSync(join(tmpdir(), 'cunban-release-'));
const outDir = mkdtempSync(join(tmpdir(), 'cunban-feed-'));
// A real (tiny) deb of this machine's architecture, so the root helper can check it end to end.
const debArch = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).stdout.trim();
const nodeArch = debArch === 'arm64' ? 'arm64' : 'x64';
const otherArch = debArch === 'arm64' ? 'amd64' : 'arm64';
const debPath = join(build, `cunban-1.3.0-linux-${debArch}.deb`);
const otherPath = join(build, `cunban-1.3.0-linux-${otherArch}.deb`);
const tree = join(build, 'tree');
mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
writeFileSync(
  join(tree, 'DEBIAN/control'),
  `Package: cunban\nVersion: 1.3.0\nArchitecture: ${debArch}\nMaintainer: T <t@example.cn>\nDescription: t\n`,
);
spawnSync('dpkg-deb', ['--root-owner-group', '-Znone', '--build', tree, debPath]);
const deb = readFileSync(debPath);
writeFileSync(otherPath, randomBytes(1024));

// The county's release key: private half on the release machine, public half in the package.
const releaseKey = generateKeyPairSync('ed25519');
const privateKeyFile = join(build, 'release.pem');
const publicKeyFile = join(build, 'update-signing.pem');
writeFileSync(privateKeyFile, releaseKey.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(publicKeyFile, releaseKey.publicKey.export({ type: 'spki', format: 'pem' }));
const helper = [join(here, '../build/linux/cunban-install-update'), '--dry-run', '--pubkey', publicKeyFile];

let app: FastifyInstance;
let feedUrl: string;

function kiosk(deviceId: string, group?: string) {
  const installed: DownloadedUpdate[] = [];
  let relaunched = 0;
  const debInstaller = createDebInstaller({ helperCommand: helper, relaunch: () => relaunched++ });
  const scheduler = new UpdateScheduler({
    feedUrl,
    platform: { os: 'linux', arch: nodeArch, packageKind: 'deb' },
    device: { deviceId, group },
    currentVersion: '1.2.0',
    downloadDir: mkdtempSync(join(tmpdir(), 'cunban-kiosk-')),
    hours: openingHoursSchema.parse({ periods: [{ open: '08:00', close: '18:00' }] }),
    releasePublicKey: releaseKey.publicKey,
    isSessionActive: () => false,
    installer: {
      installAndRestart: async (u) => {
        await debInstaller.installAndRestart(u);
        installed.push(u);
      },
    },
    now: () => new Date('2026-11-30T02:00:00+08:00'),
  });
  return { scheduler, installed, relaunches: () => relaunched };
}

beforeAll(async () => {
  app = Fastify();
  await app.register(updatesPlugin, { prefix: '/updates', dir: outDir });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  feedUrl = `${address}/updates/`;
});
afterAll(() => app.close());

describe('release-update CLI → gateway → kiosk', () => {
  it('publishes a staged release that only the pilot group takes, then widens it', async () => {
    const lines: string[] = [];
    await runReleaseUpdate(
      [
        'publish',
        '--out',
        outDir,
        '--version',
        '1.3.0',
        '--signing-key',
        privateKeyFile,
        '--percentage',
        '0',
        '--group',
        'pilot=100',
        debPath,
        otherPath,
      ],
      (l) => lines.push(l),
    );
    expect(lines.join('\n')).toMatch(/latest-linux\.yml: 1\.3\.0/);
    expect(lines.join('\n')).toMatch(/latest-linux-arm64\.yml: 1\.3\.0/);

    const pilot = kiosk('kiosk-a', 'pilot');
    const other = kiosk('kiosk-b', 'township');
    // Downloaded, signature and sha512 checked by the kiosk, then accepted by the real root helper.
    expect(await pilot.scheduler.checkNow()).toMatchObject({ state: 'installing' });
    expect(pilot.relaunches()).toBe(1);
    expect(readFileSync(pilot.installed[0]?.path ?? '').equals(deb)).toBe(true);
    expect(pilot.installed[0]?.sha512Hex).toBe(createHash('sha512').update(deb).digest('hex'));
    expect(await other.scheduler.checkNow()).toMatchObject({
      state: 'idle',
      waitingFor: 'outside-percentage',
    });

    await runReleaseUpdate(['rollout', '--out', outDir, '--percentage', '100'], () => {});
    expect((await other.scheduler.checkNow()).state).toBe('installing');

    await runReleaseUpdate(['pause', '--out', outDir], () => {});
    const late = kiosk('kiosk-c', 'pilot');
    expect(await late.scheduler.checkNow()).toMatchObject({ waitingFor: 'paused' });
    const status: string[] = [];
    await runReleaseUpdate(['status', '--out', outDir], (l) => status.push(l));
    expect(status).toContain('latest.yml: none');
    expect(status.at(-1)).toMatch(/PAUSED/);
  });

  it('rejects bad input with a clear message', async () => {
    const run = (...argv: string[]) => runReleaseUpdate(argv, () => {});
    await expect(run('publish', '--out', outDir, '--version', '1.3.0')).rejects.toThrow(/artifacts/);
    await expect(run('publish', '--out', outDir, '--version', '1.3.0', debPath)).rejects.toThrow(
      /--signing-key/,
    );
    await expect(
      run('publish', '--out', outDir, '--version', '1.3.0', '--unsigned', '--percentage', '150', debPath),
    ).rejects.toThrow(/0 to 100/);
    await expect(
      run('publish', '--out', outDir, '--version', '1.3.0', '--unsigned', '--group', 'pilot', debPath),
    ).rejects.toThrow(/NAME=PERCENT/);
    await expect(run('rollout', '--out', mkdtempSync(join(tmpdir(), 'empty-')))).rejects.toThrow(
      /no rollout.json/,
    );
    await expect(run('frobnicate', '--out', outDir)).rejects.toThrow(/unknown command/);
  });

  it('as a command: exit 0 with output, 64 on a usage error, 1 on a bad rollout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await cliMain(
        ['status', '--out', outDir],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out[0]).toMatch(/latest-linux\.yml: 1\.3\.0/);
    expect(
      await cliMain(
        ['publish', '--version', '1.3.0'],
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(64);
    expect(err.at(-1)).toBe('release-update: --out DIR is required');
    const broken = mkdtempSync(join(tmpdir(), 'broken-'));
    writeFileSync(join(broken, 'rollout.json'), '{"version":"1.3.0","percentage":"all"}');
    expect(
      await cliMain(
        ['rollout', '--out', broken, '--resume'],
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(1);
  });
});
