import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClerkPin } from '../../../sync/protocol/clerkPin';
import { writeDocuments } from '../../../sync/server/documentStore';
import { createEnrollmentCode } from '../../../sync/server/enrollmentService';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { ClerkLockout, LOCKOUT_MS } from '../clerk/clerkLockout';
import type { KioskConfig } from '../config/kioskConfig';
import { demoConfig, loadConfig } from '../config/loadConfig';
import { type KioskHost, startKioskHost } from '../kioskHost';
import { FileLog } from '../logging/logger';
import { type HostPaths, hostPaths } from '../paths';
import { keyFileDataKey } from '../secure/dataKey';
import { sealerFor } from '../secure/sealedBox';
import { loadDeviceCredentials } from '../syncService/deviceCredentials';
import { type ClerkAndIt, clerkAndItServices } from './clerkAndItServices';

/**
 * The whole IT path against a real gateway on PGlite: a fresh data dir enrols, writes a valid
 * production config, beats, takes settings, syncs clerks who then sign in offline, and a revoked
 * kiosk asks for re-enrollment while its journal stays where it was.
 */
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness('pglite');
}, 60_000);
afterAll(async () => harness?.close());

let nextId = 1;
const call = async (host: KioskHost, name: string, input: unknown = {}) => {
  const res = await host.contract.dispatch({ kind: 'request', id: nextId++, name, input });
  if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
  return res.output as Record<string, unknown>;
};

/** A fetch that never reaches anything: the kiosk is offline. */
const offline: typeof fetch = async () => {
  throw new TypeError('fetch failed (offline)');
};

async function boot(
  paths: HostPaths,
  config: KioskConfig,
  fetchImpl?: typeof fetch,
): Promise<{ host: KioskHost; it: ClerkAndIt }> {
  const fileLog = new FileLog({ dir: paths.logs });
  let wired!: ClerkAndIt;
  const host = await startKioskHost({
    config,
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: '0.1.0-test',
    services: (h) => {
      wired = clerkAndItServices(h, {
        paths,
        keys: keyFileDataKey(join(paths.keys, 'data.key')),
        fileLog,
        version: '0.1.0-test',
        heartbeatMs: 3_600_000,
        fetchImpl,
      });
      return wired.services;
    },
  });
  return { host, it: wired };
}

const code = (siteName = '下蓝村党群服务中心') =>
  createEnrollmentCode(
    harness.db,
    { division: '441625200001', siteName, bundle: 'default', createdBy: 'test' },
    harness.url,
  );

describe('provisioning, heartbeat and clerks against a running gateway', () => {
  it('enrols a fresh kiosk, runs it in production, and re-enrols after a revocation', async () => {
    const paths = hostPaths(await mkdtemp(join(tmpdir(), 'cunban-prov-')));
    const first = await boot(paths, demoConfig());
    expect(await call(first.host, 'provisioning.status')).toMatchObject({
      state: 'unenrolled',
      restartRequired: false,
    });

    await expect(
      call(first.host, 'provisioning.enroll', {
        countyUrl: harness.url,
        code: 'ABCD-EFGH-JK12',
        adminPin: '246810',
      }),
    ).rejects.toThrow('开通码不对');
    const qr = (await code()).qrPayload;
    const enrolled = await call(first.host, 'provisioning.enroll', {
      countyUrl: harness.url,
      code: qr,
      adminPin: '246810',
    });
    expect(enrolled).toMatchObject({
      state: 'enrolled',
      restartRequired: true,
      site: { divisionCode: '441625200001' },
    });

    // The written config is a valid production config, private to the kiosk user.
    const { config } = await loadConfig(paths.config, { required: true });
    expect(config).toMatchObject({
      profile: 'production',
      county: { url: harness.url },
      site: { divisionCode: '441625200001' },
    });
    expect(config.devices.idCardReader.transport).toBe('none');
    expect((await stat(paths.config)).mode & 0o077).toBe(0);
    expect(await readFile(paths.config, 'utf8')).not.toContain('246810');
    const sealer = sealerFor(await keyFileDataKey(join(paths.keys, 'data.key')).getKey());
    const credentials = await loadDeviceCredentials(paths.keys, sealer);
    expect(credentials?.deviceId).toBe(enrolled.deviceId);
    expect(await readFile(join(paths.keys, 'device.sealed'), 'utf8')).not.toContain('"d"');
    await first.host.stop();

    // Restart on the written config: production, no restart pending.
    await mkdir(paths.journal, { recursive: true });
    await writeFile(join(paths.journal, 'unsynced.rec'), 'still here');
    const { host, it: wired } = await boot(paths, config);
    expect(await call(host, 'provisioning.status')).toMatchObject({
      state: 'enrolled',
      restartRequired: false,
    });

    // Heartbeat reaches the county; a settings change there applies here without a restart.
    await wired.heartbeat.beatNow();
    const beat = await harness.db.query<{
      last_heartbeat: { appVersion: string; devices: Record<string, unknown> };
    }>('SELECT last_heartbeat FROM devices WHERE id = $1', [enrolled.deviceId]);
    expect(beat.rows[0]?.last_heartbeat).toMatchObject({
      appVersion: '0.1.0-test',
      devices: { idcard: { state: 'absent' } },
    });
    const changed: unknown[] = [];
    host.contract.onEvent((e) => e.name === 'settings.changed' && changed.push(e.payload));
    await harness.db.transaction((tx) =>
      writeDocuments(tx, harness.db.changeChannel, 'settings', [
        {
          id: String(enrolled.deviceId),
          scopes: [`device:${enrolled.deviceId}`],
          body: {
            id: enrolled.deviceId,
            openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '00:00' }],
            idleTimeoutSeconds: 45,
            enabledServices: ['S06-gaoling-jintie'],
            updatedAt: new Date(Date.now() + 1000).toISOString(),
            _deleted: false,
          },
        },
      ]),
    );
    await wired.heartbeat.beatNow();
    expect(await call(host, 'settings.get')).toMatchObject({ idleTimeoutSeconds: 45, openNow: true });
    expect(changed.at(-1)).toMatchObject({ idleTimeoutSeconds: 45, enabledServices: ['S06-gaoling-jintie'] });

    // Clerks come from the county and sign in with the gateway gone (offline).
    const pinHash = await hashClerkPin('135790', 1000);
    // The county may bind a clerk to their own ID card by the number's SHA-256 (never the number).
    const idNumberSha256 = createHash('sha256').update('11010519491231002X').digest('hex');
    await harness.db.transaction((tx) =>
      writeDocuments(tx, harness.db.changeChannel, 'clerks', [
        {
          id: 'clerk-li',
          scopes: ['town:441625200'],
          body: {
            id: 'clerk-li',
            name: '李秀华',
            town: '441625200',
            role: 'townClerk',
            active: true,
            pinHash,
            idNumberSha256,
          },
        },
      ]),
    );
    await wired.clerk.syncNow();
    expect(await call(host, 'clerk.directory')).toMatchObject({ clerks: 1 });
    await host.stop();

    // Offline from here: sign-in works from the sealed clerk list; five wrong PINs lock the clerk out.
    const cut = await boot(paths, config, offline);
    await expect(
      call(cut.host, 'clerk.signIn', { method: 'badge', badge: 'nobody', pin: '135790' }),
    ).rejects.toThrow('没有找到');
    for (let i = 4; i >= 1; i--) {
      await expect(
        call(cut.host, 'clerk.signIn', { method: 'badge', badge: 'clerk-li', pin: '000000' }),
      ).rejects.toThrow(`还可以再试 ${i} 次`);
    }
    await expect(
      call(cut.host, 'clerk.signIn', { method: 'badge', badge: 'clerk-li', pin: '000000' }),
    ).rejects.toThrow('已锁定 15 分钟');
    await expect(
      call(cut.host, 'clerk.signIn', { method: 'badge', badge: 'clerk-li', pin: '135790' }),
    ).rejects.toThrow('已锁定');
    await cut.host.stop();
    const stillCut = await boot(paths, config, offline);
    await expect(
      call(stillCut.host, 'clerk.signIn', { method: 'badge', badge: 'clerk-li', pin: '135790' }),
    ).rejects.toThrow('已锁定');
    stillCut.it.clerk.lockout = new ClerkLockout(paths.state, () => Date.now() + LOCKOUT_MS + 1000);
    await stillCut.it.clerk.lockout.load();
    const session = await call(stillCut.host, 'clerk.signIn', {
      method: 'badge',
      badge: 'cunban-clerk:clerk-li',
      pin: '135790',
    });
    expect(session).toMatchObject({ clerkId: 'clerk-li', displayName: '李*华', role: 'townClerk' });
    await call(stillCut.host, 'clerk.audit', { action: 'reprint', target: 'app-1', details: {} });
    await call(stillCut.host, 'clerk.signOut');
    const byCard = await call(stillCut.host, 'clerk.signIn', {
      method: 'idcard',
      idNumber: '11010519491231002X',
      pin: '135790',
    });
    expect(byCard.clerkId).toBe('clerk-li');
    await call(stillCut.host, 'clerk.signOut');
    await expect(call(stillCut.host, 'clerk.audit', { action: 'reprint', target: null })).rejects.toThrow(
      'clerk session required',
    );
    await stillCut.host.stop();

    // Back online: the audit trail reaches the county.
    const { host: online, it: wiredOnline } = await boot(paths, config);
    await wiredOnline.clerk.syncNow();
    const audit = await harness.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM documents WHERE collection = 'audit' AND body->>'clerkId' = 'clerk-li'",
    );
    expect(audit.rows[0]?.n).toBe(10); // 4 wrong PINs, lockout, badge sign-in, reprint, sign-out, card sign-in, sign-out
    expect(wiredOnline.clerk.audit.pendingCount).toBe(0);

    // The county revokes the kiosk: the next beat sends it back to enrollment; the journal stays.
    await harness.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [enrolled.deviceId]);
    const provisioningEvents: unknown[] = [];
    online.contract.onEvent((e) => e.name === 'provisioning.changed' && provisioningEvents.push(e.payload));
    await wiredOnline.heartbeat.beatNow();
    expect(await call(online, 'provisioning.status')).toMatchObject({ state: 'revoked' });
    expect(provisioningEvents).toHaveLength(1);
    expect(await readFile(join(paths.journal, 'unsynced.rec'), 'utf8')).toBe('still here');

    // Re-enrollment of a revoked kiosk needs the admin PIN set at the first enrollment.
    const fresh = (await code()).display;
    await expect(
      call(online, 'provisioning.enroll', { countyUrl: harness.url, code: fresh, adminPin: '111111' }),
    ).rejects.toThrow('admin session required');
    await expect(call(online, 'admin.unlock', { pin: '0000' })).rejects.toThrow('wrong admin PIN');
    await call(online, 'admin.unlock', { pin: '246810' });
    const again = await call(online, 'provisioning.enroll', {
      countyUrl: harness.url,
      code: fresh,
      adminPin: '111111',
    });
    expect(again.state).toBe('enrolled');
    expect(again.deviceId).not.toBe(enrolled.deviceId);
    expect(await readFile(join(paths.journal, 'unsynced.rec'), 'utf8')).toBe('still here');
    await online.stop();
  }, 60_000);
});
