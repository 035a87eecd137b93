import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoopbackFileServer, startLoopbackFileServer } from './loopbackFileServer';
import { openingHoursSchema } from './openingHours';
import {
  type DownloadedUpdate,
  type Installer,
  UpdateScheduler,
  type UpdateSchedulerOptions,
} from './updateScheduler';

let server: LoopbackFileServer;
const deb = randomBytes(64 * 1024);
const sha512 = createHash('sha512').update(deb).digest('base64');
const hours = openingHoursSchema.parse({
  periods: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '08:00', close: '18:00' }],
});
const night = new Date('2026-11-30T02:00:00+08:00');
const noon = new Date('2026-11-30T12:00:00+08:00');

function publish(version: string, rollout?: object, signature?: string) {
  server.files.set(
    '/updates/latest-linux.yml',
    [
      `version: ${version}`,
      'files:',
      `  - url: cunban-${version}-linux-amd64.deb`,
      `    sha512: ${sha512}`,
      `    size: ${deb.length}`,
      ...(signature ? [`    signature: ${signature}`] : []),
      `  - url: cunban-${version}-linux-x86_64.AppImage`,
      `    sha512: ${sha512}`,
      `    size: ${deb.length}`,
      `path: cunban-${version}-linux-amd64.deb`,
      `sha512: ${sha512}`,
      "releaseDate: '2026-11-29T10:00:00.000Z'",
      '',
    ].join('\n'),
  );
  server.files.set(`/updates/cunban-${version}-linux-amd64.deb`, deb);
  if (rollout) server.files.set('/updates/rollout.json', JSON.stringify({ version, ...rollout }));
}

class RecordingInstaller implements Installer {
  installed: DownloadedUpdate[] = [];
  failWith: Error | undefined;
  async installAndRestart(update: DownloadedUpdate): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.installed.push(update);
  }
}

function scheduler(overrides: Partial<UpdateSchedulerOptions> = {}) {
  const installer = new RecordingInstaller();
  let session = false;
  let now = night;
  const downloadDir = mkdtempSync(join(tmpdir(), 'cunban-upd-'));
  const s = new UpdateScheduler({
    feedUrl: `${server.url}/updates/`,
    platform: { os: 'linux', arch: 'x64', packageKind: 'deb' },
    device: { deviceId: 'kiosk-0042', group: 'pilot' },
    currentVersion: '1.2.0',
    downloadDir,
    hours,
    isSessionActive: () => session,
    installer,
    now: () => now,
    ...overrides,
  });
  return {
    s,
    installer,
    downloadDir,
    setSession: (v: boolean) => {
      session = v;
    },
    setNow: (d: Date) => {
      now = d;
    },
  };
}

beforeAll(async () => {
  server = await startLoopbackFileServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.files.clear();
  server.requests.length = 0;
});

describe('UpdateScheduler', () => {
  it('downloads, verifies and installs a newer release at night', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, installer } = scheduler();
    const status = await s.checkNow();
    expect(status.state).toBe('installing');
    expect(installer.installed).toHaveLength(1);
    const update = installer.installed[0] as DownloadedUpdate;
    expect(update).toMatchObject({
      version: '1.3.0',
      packageKind: 'deb',
      fileName: 'cunban-1.3.0-linux-amd64.deb',
    });
    expect(readFileSync(update.path).equals(deb)).toBe(true);
    expect(update.sha512Hex).toBe(createHash('sha512').update(deb).digest('hex'));
  });

  it('removes older downloads once a new release is verified', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, downloadDir } = scheduler();
    writeFileSync(join(downloadDir, 'cunban-1.2.0-linux-amd64.deb'), 'old');
    writeFileSync(join(downloadDir, 'cunban-1.2.5-linux-amd64.deb.part'), 'abandoned');
    await s.checkNow();
    expect(readdirSync(downloadDir)).toEqual(['cunban-1.3.0-linux-amd64.deb']);
  });

  it('downloads during the day but installs only after closing', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, installer, setNow } = scheduler();
    setNow(noon);
    expect(await s.checkNow()).toMatchObject({
      state: 'ready',
      version: '1.3.0',
      waitingFor: 'opening-hours',
    });
    expect(installer.installed).toHaveLength(0);
    setNow(night);
    expect((await s.tryInstall()).state).toBe('installing');
    expect(installer.installed).toHaveLength(1);
  });

  it('never installs while a session is active', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, installer, setSession } = scheduler();
    setSession(true);
    expect(await s.checkNow()).toMatchObject({ state: 'ready', waitingFor: 'session-active' });
    expect(installer.installed).toHaveLength(0);
    setSession(false);
    await s.tryInstall();
    expect(installer.installed).toHaveLength(1);
  });

  it('does nothing for the running version or a device outside the rollout', async () => {
    publish('1.2.0', { percentage: 100 });
    const a = scheduler();
    expect(await a.s.checkNow()).toMatchObject({ state: 'idle', waitingFor: 'not-newer' });
    publish('1.3.0', { percentage: 0, groups: { pilot: 0 } });
    const b = scheduler();
    expect(await b.s.checkNow()).toMatchObject({ state: 'idle', waitingFor: 'outside-percentage' });
    expect(server.requests.some((r) => r.path.endsWith('.deb'))).toBe(false);
    expect(a.installer.installed.length + b.installer.installed.length).toBe(0);
  });

  it('a corrupted artifact never reaches the installer and leaves nothing behind', async () => {
    publish('1.3.0', { percentage: 100 });
    const bad = Buffer.from(deb);
    bad[0] = (bad[0] ?? 0) ^ 1;
    server.files.set('/updates/cunban-1.3.0-linux-amd64.deb', bad);
    const { s, installer, downloadDir } = scheduler();
    const status = await s.checkNow();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/sha512/);
    expect(installer.installed).toHaveLength(0);
    expect(existsSync(join(downloadDir, 'cunban-1.3.0-linux-amd64.deb'))).toBe(false);
  });

  it('survives an unreachable county and broken metadata', async () => {
    const offline = scheduler({ feedUrl: 'http://127.0.0.1:9/updates/' });
    expect((await offline.s.checkNow()).state).toBe('error');
    server.files.set('/updates/latest-linux.yml', 'version: [not, metadata');
    const broken = scheduler();
    expect(await broken.s.checkNow()).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/check failed/),
    });
  });

  it('keeps the running version when the install fails, and gives up after repeated failures', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, installer } = scheduler({ maxInstallAttempts: 2 });
    installer.failWith = new Error('dpkg: error processing archive');
    expect(await s.checkNow()).toMatchObject({
      state: 'ready',
      lastError: expect.stringMatching(/attempt 1/),
    });
    expect(await s.tryInstall()).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/attempt 2/),
    });
    installer.failWith = undefined;
    expect(await s.checkNow()).toMatchObject({ waitingFor: 'failed-before' });
    expect(installer.installed).toHaveLength(0);
  });

  it('withdraws a downloaded update when the rollout is paused before the night', async () => {
    publish('1.3.0', { percentage: 100 });
    const { s, installer, setNow } = scheduler();
    setNow(noon);
    expect((await s.checkNow()).state).toBe('ready');
    publish('1.3.0', { percentage: 100, paused: true });
    setNow(night);
    expect(await s.checkNow()).toMatchObject({ state: 'idle', waitingFor: 'paused' });
    expect((await s.tryInstall()).state).toBe('idle');
    expect(installer.installed).toHaveLength(0);
  });

  it('with a release key, installs only releases signed with it', async () => {
    const county = generateKeyPairSync('ed25519');
    const intruder = generateKeyPairSync('ed25519');
    const hex = createHash('sha512').update(deb).digest('hex');
    const signWith = (key: KeyObject) =>
      sign(null, Buffer.from(`cunban-update-v1 sha512=${hex}\n`), key).toString('base64');

    publish('1.3.0', { percentage: 100 });
    const unsigned = scheduler({ releasePublicKey: county.publicKey });
    expect(await unsigned.s.checkNow()).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/not signed/),
    });
    publish('1.3.0', { percentage: 100 }, signWith(intruder.privateKey));
    const forged = scheduler({ releasePublicKey: county.publicKey });
    expect((await forged.s.checkNow()).state).toBe('error');
    expect(server.requests.some((r) => r.path.endsWith('.deb'))).toBe(false);

    publish('1.3.0', { percentage: 100 }, signWith(county.privateKey));
    const signed = scheduler({ releasePublicKey: county.publicKey });
    expect((await signed.s.checkNow()).state).toBe('installing');
    expect(signed.installer.installed[0]?.signature).toBe(signWith(county.privateKey));
  });

  it('checks on its own schedule once started, and stops', async () => {
    publish('1.2.0');
    const statuses: string[] = [];
    const { s } = scheduler({ checkIntervalMs: 40, onStatus: (st) => statuses.push(st.state) });
    s.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    s.stop();
    const checks = server.requests.filter((r) => r.path === '/updates/latest-linux.yml').length;
    expect(checks).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(server.requests.filter((r) => r.path === '/updates/latest-linux.yml').length).toBeLessThanOrEqual(
      checks + 1,
    );
    expect(statuses).toContain('checking');
  });
});
