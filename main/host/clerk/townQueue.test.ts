import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TownQueue, TownQueueItem } from '../../../contract/clerkQueue';
import type { PrintJobView } from '../../../drivers/printer/schemas';
import { createStaff } from '../../../sync/server/staffAuth';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { sampleDraft } from '../journal/testing/sampleDraft';
import type { KioskHost } from '../kioskHost';
import type { DeviceCredentials } from '../syncService/deviceCredentials';
import { enrollForTest } from '../syncService/testing/enrolledCredentials';
import { addTestClerk, startTownQueueHost, TEST_CLERK, type TownQueueHost } from './testing/townQueueHost';
import { VillageLink } from './testing/villageLink';

/**
 * The clerk's town queue against a real gateway on PGlite, with the real print queue on the
 * ESC/POS simulator, and a real TCP link in between that the test can cut (the village link).
 */
let harness: Harness;
let credentials: DeviceCredentials;
let root: string;
let staffCookie = '';

let link: VillageLink;

beforeAll(async () => {
  harness = await startHarness('pglite');
  credentials = await enrollForTest(harness.db, harness.url);
  root = await mkdtemp(join(tmpdir(), 'cunban-townq-'));
  link = new VillageLink(Number(new URL(harness.url).port));
  await link.start();
  await addTestClerk(harness.db);
  await createStaff(harness.db, {
    username: 'kezhang',
    displayName: '科长',
    password: 'correct horse 1',
    role: 'admin',
  });
  const res = await fetch(`${harness.url}/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kezhang', password: 'correct horse 1' }),
  });
  staffCookie = res.headers.get('set-cookie')!.split(';')[0]!;
}, 90_000);

const hosts: KioskHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.stop().catch(() => {});
  await link?.stop();
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

async function boot(name: string) {
  const kiosk = await startTownQueueHost({
    dataDir: join(root, name),
    credentials,
    countyUrl: `http://127.0.0.1:${link.port}`,
    // The clerk list comes straight from the county, so sign-in works while the link is cut.
    clerkCountyUrl: harness.url,
  });
  hosts.push(kiosk.host);
  return kiosk;
}

const signIn = (call: TownQueueHost['call']) =>
  call('clerk.signIn', { method: 'badge', badge: `cunban-clerk:${TEST_CLERK.id}`, pin: TEST_CLERK.pin });

const itemOf = (q: TownQueue, id: string): TownQueueItem => {
  const item = q.items.find((i) => i.applicationId === id);
  if (!item) throw new Error(`${id} not in the list`);
  return item;
};

const staffApi = async (path: string, body?: unknown) => {
  const res = await fetch(`${harness.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { cookie: staffCookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<Record<string, unknown>>;
};

const frame = {
  siteName: '下蓝村党群服务中心',
  kioskId: '44162520000101',
  statusUrl: 'http://county.example/status',
  townOfficePhone: '0762-12345',
  serviceName: '高龄津贴',
  legalProcessingTime: '20 个工作日',
  resultCollection: '发放到银行账户',
  materialNames: ['户口簿'],
};

describe('town queue in the clerk workspace', () => {
  it('refuses every request without a clerk session, and again after sign-out', async () => {
    const { call } = await boot('forbidden');
    const id = '01939e4e-5b1a-7cc0-8000-000000000001';
    const requests: Array<[string, unknown]> = [
      ['clerk.queue.list', {}],
      ['clerk.queue.syncNow', {}],
      ['clerk.queue.printJobs', { applicationId: id }],
      ['clerk.queue.reprint', { applicationId: id, jobId: 'x' }],
      ['clerk.queue.submitSupplement', { originalId: id, materials: [sampleMaterial()], receipt: frame }],
      ['clerk.dailySummary', { siteName: 's', kioskId: 'k', print: true }],
    ];
    for (const [name, input] of requests) {
      await expect(call(name, input), name).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(signIn(call)).resolves.toMatchObject({ clerkId: 'clerk-lan' });
    await expect(call('clerk.queue.list')).resolves.toHaveProperty('items');
    await call('clerk.signOut');
    await expect(call('clerk.queue.list')).rejects.toMatchObject({ code: 'forbidden' });
    // Garbage never reaches the handler.
    await expect(
      call('clerk.queue.reprint', { applicationId: 'not-a-uuid', jobId: 'x' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(
      call('clerk.queue.submitSupplement', { originalId: id, materials: [], receipt: frame }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
  }, 60_000);

  it('shows an application queued, then at the county, then the county asking for 补正; the supplement goes back linked', async () => {
    const { call, queue, clerk } = await boot('roundtrip');
    link.cut();
    await signIn(call);
    const submitted = await call<{ ok: true; document: { id: string; trackingNumber: string } }>(
      'queue.submit',
      sampleDraft(),
    );
    const id = submitted.document.id;
    const { materialNames: _, ...receiptFrame } = frame;
    const receipt = await call<PrintJobView>('printer.printReceipt', {
      ...receiptFrame,
      trackingNumber: submitted.document.trackingNumber,
      applicantName: '蓝阿婆',
      applicantIdNumber: '11010519491231002X',
      materials: [],
      submittedAt: new Date().toISOString(),
      queuedOffline: true,
    });
    expect(receipt.status).toBe('printed');

    // Offline: the journal answers; the name is masked, the number never appears.
    const offline = await call<TownQueue>('clerk.queue.list');
    expect(itemOf(offline, id)).toMatchObject({
      syncState: 'queued',
      status: 'submitted',
      applicantMasked: '蓝*婆',
    });
    expect(offline.status.online).toBe(false);
    expect(JSON.stringify(offline)).not.toMatch(/蓝阿婆|11010519491231002X|13800138000/);
    const stillOffline = await call<TownQueue>('clerk.queue.syncNow');
    expect(itemOf(stillOffline, id).syncState).toBe('queued');

    // The link is back: sync now delivers and the county's status comes back.
    link.online = true;
    const synced = await call<TownQueue>('clerk.queue.syncNow');
    expect(itemOf(synced, id)).toMatchObject({ syncState: 'atCounty', status: 'received' });
    expect(queue.journal!.pending()).toHaveLength(0);
    expect(synced.countyRefreshedAt).not.toBeNull();

    // Reprint: the receipt of this application, printed a second time on request only.
    const { jobs } = await call<{ jobs: PrintJobView[] }>('clerk.queue.printJobs', { applicationId: id });
    expect(jobs.map((j) => j.id)).toEqual([receipt.id]);
    const again = await call<PrintJobView>('clerk.queue.reprint', { applicationId: id, jobId: receipt.id });
    expect(again).toMatchObject({ status: 'printed', attempts: 2 });

    // The county asks for 补正 through the staff API; the kiosk shows the note.
    await staffApi(`/v1/staff/applications/${id}/actions`, {
      action: 'requestCorrection',
      note: '请补充户口簿本人页',
    });
    const asked = await call<TownQueue>('clerk.queue.list');
    expect(itemOf(asked, id)).toMatchObject({
      status: 'correctionRequired',
      staffNote: '请补充户口簿本人页',
    });

    // The clerk captures the missing page and submits the supplement; the applicant comes from
    // the host's record (the county's copy: the journal entry is long compacted).
    const page = randomBytes(30_000);
    const stored = await queue.outbox!.put(page, { kind: 'page', mime: 'image/jpeg' });
    const material = { ...sampleMaterial(), sha256: stored.sha256, size: stored.size };
    const answer = await call<{
      ok: true;
      applicationId: string;
      trackingNumber: string;
      receipt: PrintJobView;
    }>('clerk.queue.submitSupplement', { originalId: id, materials: [material], receipt: frame });
    expect(answer).toMatchObject({ ok: true, receipt: { status: 'printed', kind: 'receipt' } });
    expect(answer.receipt.trackingNumber).toBe(answer.trackingNumber);

    const after = await call<TownQueue>('clerk.queue.syncNow');
    expect(itemOf(after, id).supplements).toEqual([answer.trackingNumber]);
    expect(itemOf(after, answer.applicationId)).toMatchObject({
      supplementOf: id,
      syncState: 'atCounty',
      status: 'received',
      assisted: true,
    });
    const county = await harness.db.query<{ body: Record<string, unknown> }>(
      "SELECT body FROM documents WHERE collection = 'applications' AND id = $1",
      [answer.applicationId],
    );
    expect(county.rows[0]!.body).toMatchObject({
      supplementOf: id,
      filesComplete: true,
      applicant: { name: '蓝阿婆', idNumber: '11010519491231002X' },
      assistedBy: { clerkId: 'clerk-lan', name: '蓝秀梅' },
    });
    const detail = await staffApi(`/v1/staff/applications/${id}`);
    expect(detail.supplements).toEqual([expect.objectContaining({ id: answer.applicationId })]);

    // A second supplement for something the county did not ask to correct is refused with words.
    const notAsked = await call<{ ok: false; reason: string; messageZh: string }>(
      'clerk.queue.submitSupplement',
      {
        originalId: answer.applicationId,
        materials: [material],
        receipt: frame,
      },
    );
    expect(notAsked).toMatchObject({ ok: false, reason: 'not-correction' });

    // Every action is in the audit trail, with application ids and no personal data.
    const actions = clerk.audit.entries().map((e) => e.action);
    for (const a of ['clerk.queue.syncNow', 'clerk.queue.reprint', 'clerk.queue.supplement'])
      expect(actions).toContain(a);
    expect(JSON.stringify(clerk.audit.entries())).not.toMatch(/蓝阿婆|11010519491231002X/);
  }, 120_000);

  it('answers from the last view while the link hangs, and catches up once it is back', async () => {
    link.online = true;
    const { call } = await boot('hanging');
    await signIn(call);
    const { document } = await call<{ document: { id: string } }>('queue.submit', sampleDraft());
    expect(itemOf(await call<TownQueue>('clerk.queue.syncNow'), document.id).status).toBe('received');

    // The county asks for 补正, but the link hangs: the list answers in time with the last view.
    await staffApi(`/v1/staff/applications/${document.id}/actions`, {
      action: 'requestCorrection',
      note: '缺存折',
    });
    link.hang();
    // Let the client notice its pooled connections are gone, so the next pull opens a hung one.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const stale = await call<TownQueue>('clerk.queue.list');
    expect(Date.now() - started).toBeLessThan(1_900);
    expect(itemOf(stale, document.id)).toMatchObject({ status: 'received', syncState: 'atCounty' });

    // New connections go through again, the hung one stays hung: only the pull timeout frees it.
    link.hanging = false;
    // The hung pull is given up after its timeout; a later list sees the county's note.
    const deadline = Date.now() + 10_000;
    let seen: TownQueueItem | undefined;
    while (Date.now() < deadline) {
      seen = itemOf(await call<TownQueue>('clerk.queue.list'), document.id);
      if (seen.status === 'correctionRequired') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toMatchObject({ status: 'correctionRequired', staffNote: '缺存折' });
  }, 60_000);

  it('after a restart without the link, still shows what the county said last, and waits to 补正', async () => {
    link.online = true;
    const first = await boot('restart');
    await signIn(first.call);
    const { document } = await first.call<{ document: { id: string } }>('queue.submit', sampleDraft());
    await first.call('clerk.queue.syncNow');
    await staffApi(`/v1/staff/applications/${document.id}/actions`, {
      action: 'requestCorrection',
      note: '请补充银行存折',
    });
    expect(itemOf(await first.call<TownQueue>('clerk.queue.list'), document.id).status).toBe(
      'correctionRequired',
    );
    await first.host.stop();

    link.cut();
    const second = await boot('restart');
    await signIn(second.call);
    const remembered = await second.call<TownQueue>('clerk.queue.list');
    expect(itemOf(remembered, document.id)).toMatchObject({
      status: 'correctionRequired',
      staffNote: '请补充银行存折',
      applicantMasked: '蓝*婆',
    });
    // The villager's details were never written down with it: the supplement waits for the link.
    const refused = await second.call<{ ok: boolean; reason: string; messageZh: string }>(
      'clerk.queue.submitSupplement',
      { originalId: document.id, materials: [sampleMaterial()], receipt: frame },
    );
    expect(refused).toMatchObject({ ok: false, reason: 'original-unavailable' });
    expect(refused.messageZh).toContain('联网');
    link.online = true;
  }, 60_000);

  it('shows a rejected application with its reason, and prints the day’s slip by service and status', async () => {
    link.online = true;
    const { call } = await boot('rejected');
    await signIn(call);
    const bad = sampleDraft();
    bad.applicant = { ...bad.applicant, idNumber: '110105194912310021' }; // wrong check digit
    const good = await call<{ document: { id: string } }>('queue.submit', sampleDraft());
    const rejected = await call<{ document: { id: string } }>('queue.submit', bad);
    const list = await call<TownQueue>('clerk.queue.syncNow');
    expect(itemOf(list, rejected.document.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: expect.stringMatching(/^invalidIdNumber/),
      syncState: 'atCounty',
    });
    expect(itemOf(list, good.document.id).status).toBe('received');

    const summary = await call<{
      total: number;
      byService: Array<{ serviceName: string; count: number }>;
      byStatus: Record<string, number>;
      job: PrintJobView;
    }>('clerk.dailySummary', {
      serviceNames: { 'S06-gaoling-jintie': '高龄津贴' },
      siteName: '下蓝村党群服务中心',
      kioskId: '44162520000101',
      print: true,
    });
    // The site's county view includes the other tests' applications of today as well.
    expect(summary.total).toBeGreaterThanOrEqual(2);
    expect(summary.byService[0]).toMatchObject({ serviceName: '高龄津贴' });
    expect(summary.byStatus.rejected).toBeGreaterThanOrEqual(1);
    expect(summary.job).toMatchObject({ kind: 'daily-summary', status: 'printed' });

    // Another day has nothing, and viewing does not print.
    const empty = await call<{ total: number; job: null }>('clerk.dailySummary', {
      date: '2020-01-01',
      siteName: 's',
      kioskId: 'k',
      print: false,
    });
    expect(empty).toMatchObject({ total: 0, job: null });

    // A print job of another application cannot be reprinted from this one.
    const { jobs } = await call<{ jobs: PrintJobView[] }>('printer.jobs');
    const slip = jobs.find((j) => j.kind === 'daily-summary')!;
    await expect(
      call('clerk.queue.reprint', { applicationId: good.document.id, jobId: slip.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  }, 120_000);
});

function sampleMaterial() {
  return {
    materialId: 'hukou',
    sha256: 'a'.repeat(64),
    size: 1000,
    contentType: 'image/jpeg' as const,
    credibility: 'scanned' as const,
  };
}
