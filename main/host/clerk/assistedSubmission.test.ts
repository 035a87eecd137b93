import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractHost } from '../../../contract/contractHost';
import { hashClerkPin } from '../../../sync/protocol/clerkPin';
import { writeDocuments } from '../../../sync/server/documentStore';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { kioskConfigSchema } from '../config/kioskConfig';
import { sampleDraft } from '../journal/testing/sampleDraft';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { keyFileDataKey } from '../secure/dataKey';
import { ServiceManager } from '../serviceManager';
import type { DeviceCredentials } from '../syncService/deviceCredentials';
import { QueueService } from '../syncService/queueService';
import { enrollForTest } from '../syncService/testing/enrolledCredentials';
import { ClerkService } from './clerkService';

/**
 * queue.submit with clerk mode wired as on a kiosk: the real clerk service (clerks pulled from a
 * real gateway, PIN checked, session timed) tells the real queue who is assisting.
 */
let harness: Harness;
let credentials: DeviceCredentials;
let root: string;
const stop: Array<() => Promise<void>> = [];

beforeAll(async () => {
  harness = await startHarness('pglite');
  credentials = await enrollForTest(harness.db, harness.url);
  const pinHash = await hashClerkPin('135790', 1000);
  const clerk = (id: string, name: string) => ({
    id,
    scopes: ['town:441625200'],
    body: { id, name, town: '441625200', role: 'townClerk', pinHash, active: true, _deleted: false },
  });
  await harness.db.transaction((tx) =>
    writeDocuments(tx, harness.db.changeChannel, 'clerks', [
      clerk('clerk-li', '李秀华'),
      clerk('clerk-wu', '吴明'),
    ]),
  );
  root = await mkdtemp(join(tmpdir(), 'cunban-assisted-'));
}, 60_000);
afterAll(async () => {
  for (const s of stop.reverse()) await s().catch(() => {});
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

async function kiosk(name: string, sessionIdleMs = 60_000) {
  const paths = hostPaths(join(root, name));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs }).logger('test');
  const contract = new ContractHost();
  const keys = keyFileDataKey(join(paths.keys, 'data.key'));
  const clerks = new ClerkService({
    host: { contract },
    stateDir: paths.state,
    keys,
    log,
    credentials: () => credentials,
    countyUrl: () => harness.url,
    fallbackDivision: '441625200001',
    sessionIdleMs,
  });
  const queue = new QueueService({
    host: {
      contract,
      services: new ServiceManager(log),
      config: kioskConfigSchema.parse({ profile: 'production', county: { url: harness.url } }),
    },
    paths,
    keys,
    log,
    credentials: async () => credentials,
    drainEnabled: false,
    clerks,
  });
  await clerks.start();
  await clerks.syncNow();
  await queue.start();
  stop.push(
    () => queue.stop(),
    () => clerks.stop(),
  );
  const call = async (req: string, input: unknown = {}) => {
    const res = await contract.dispatch({ kind: 'request', id: 1, name: req, input });
    if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.output as never;
  };
  return { call, clerks };
}

const scanned = (sha: string, originalCheck: { clerkId: string; at: string } | null) => ({
  materialId: 'hukou',
  sha256: sha.repeat(64),
  size: 2048,
  contentType: 'image/jpeg' as const,
  credibility: 'scanned' as const,
  originalCheck,
});

describe('assisted submission in the host', () => {
  it('writes the live clerk into assistedBy (whatever name the renderer sent) and audits it', async () => {
    const { call, clerks } = await kiosk('live');
    await call('clerk.signIn', { method: 'badge', badge: 'cunban-clerk:clerk-li', pin: '135790' });
    const at = new Date().toISOString();
    const result = (await call('queue.submit', {
      ...sampleDraft([scanned('a', { clerkId: 'clerk-li', at })]),
      assistedBy: { clerkId: 'clerk-li', name: '李*华', identifiedBy: 'idcard' },
    })) as {
      ok: true;
      document: { id: string; assistedBy: unknown; materials: Array<{ originalCheck: unknown }> };
    };
    expect(result.ok).toBe(true);
    expect(result.document.assistedBy).toEqual({
      clerkId: 'clerk-li',
      name: '李秀华',
      identifiedBy: 'idcard',
    });
    expect(result.document.materials[0]!.originalCheck).toEqual({ clerkId: 'clerk-li', at });
    const audit = clerks.audit.queued();
    expect(audit.find((e) => e.action === 'clerk.assistedSubmit')).toMatchObject({
      clerkId: 'clerk-li',
      target: result.document.id,
      details: { identifiedBy: 'idcard', materials: 1, originalsChecked: 1 },
    });
    // Nothing of the villager goes into the audit trail.
    expect(JSON.stringify(audit)).not.toContain('蓝阿婆');
  });

  it('refuses a claimed clerk with no session, another clerk, or a check not by the live clerk', async () => {
    const { call } = await kiosk('claims');
    const draft = (assistedBy: unknown, check: { clerkId: string; at: string } | null = null) => ({
      ...sampleDraft([scanned('b', check)]),
      assistedBy,
    });
    const now = new Date().toISOString();
    await expect(call('queue.submit', draft({ clerkId: 'clerk-li', name: '李秀华' }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(call('queue.submit', draft(null, { clerkId: 'clerk-li', at: now }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await call('clerk.signIn', { method: 'badge', badge: 'cunban-clerk:clerk-wu', pin: '135790' });
    await expect(call('queue.submit', draft({ clerkId: 'clerk-li', name: '李秀华' }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      call('queue.submit', draft({ clerkId: 'clerk-wu', name: '吴明' }, { clerkId: 'clerk-li', at: now })),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Garbage is stopped by the contract before the queue sees it.
    await expect(
      call(
        'queue.submit',
        draft({ clerkId: 'clerk-wu', name: '吴明' }, { clerkId: 'clerk-wu', at: 'soon' } as never),
      ),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    // A villager's own application is untouched by a clerk being signed in.
    const own = (await call('queue.submit', sampleDraft())) as {
      ok: true;
      document: { assistedBy: unknown };
    };
    expect(own.document.assistedBy).toBeNull();
  });

  it('refuses once the clerk session has timed out', async () => {
    const { call } = await kiosk('timeout', 300);
    await call('clerk.signIn', { method: 'badge', badge: 'cunban-clerk:clerk-li', pin: '135790' });
    await new Promise((r) => setTimeout(r, 500));
    await expect(
      call('queue.submit', { ...sampleDraft(), assistedBy: { clerkId: 'clerk-li', name: '李秀华' } }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('登录已结束') });
  });
});
