import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from '../main/browser/staticServer';
import { attachWebSocketBinding } from '../main/host/bindings/webSocketBinding';
import { kioskConfigSchema } from '../main/host/config/kioskConfig';
import { sampleDraft } from '../main/host/journal/testing/sampleDraft';
import { type KioskHost, startKioskHost } from '../main/host/kioskHost';
import { FileLog } from '../main/host/logging/logger';
import { hostPaths } from '../main/host/paths';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { buildCsp } from '../main/host/security/csp';
import { QueueService } from '../main/host/syncService/queueService';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { type LinkSimulator, startLinkSimulator } from '../sync/linkSimulator/linkSimulator';
import { type Harness, startHarness } from '../sync/server/testing/gatewayHarness';

/**
 * The durability promise in a real browser: RxDB on Dexie in Debian's Chromium, the host journal
 * behind the contract's WebSocket binding. Applications are submitted while the county is
 * unreachable, IndexedDB is wiped, the page reloads — and the journal restores every one. Then
 * the link comes back and the county ends with exactly the submitted set.
 */
const repo = fileURLToPath(new URL('..', import.meta.url));
let gateway: Harness;
let link: LinkSimulator;
let host: KioskHost;
let queue: QueueService;
let server: Server;
let browser: Browser;
let page: Page;
let work: string;
let origin = '';

async function bundleTestPage(dir: string): Promise<void> {
  const entry = join(dir, 'entry.ts');
  await writeFile(
    entry,
    `import { connectKioskApi } from ${JSON.stringify(join(repo, 'renderer/api/connectKioskApi'))};
     import { startOfflineQueue } from ${JSON.stringify(join(repo, 'renderer/db/offlineQueue'))};
     const api = connectKioskApi();
     let queue;
     window.queueTest = {
       async start() { queue = await startOfflineQueue(api, { probeEveryMs: 1000 }); return queue.restoredFromJournal; },
       async submit(draft) { const r = await queue.submit(draft); return r.ok ? r.document.id : r.reason; },
       async local() { return (await queue.db.applications.find().exec()).map((d) => ({ id: d.id, status: d.get('status') })); },
       async personalCount() { return queue.db.personal.count().exec(); },
       async wipe() {
         await queue.stop();
         for (const info of await indexedDB.databases()) {
           await new Promise((ok, fail) => { const r = indexedDB.deleteDatabase(info.name); r.onsuccess = ok; r.onerror = fail; r.onblocked = ok; });
         }
         return (await indexedDB.databases()).length;
       },
     };
     document.body.dataset.ready = 'true';`,
  );
  const www = join(dir, 'www');
  await mkdir(www, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(www, 'app.js'),
    logLevel: 'error',
  });
  await writeFile(
    join(www, 'index.html'),
    '<!doctype html><html><body><script type="module" src="/app.js"></script></body></html>',
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cunban-wipe-'));
  gateway = await startHarness('pglite');
  const credentials = await enrollForTest(gateway.db, gateway.url);
  // The link starts pointed at a closed port: the county is unreachable.
  link = await startLinkSimulator({ target: { host: '127.0.0.1', port: 9 } });
  await bundleTestPage(work);
  const paths = hostPaths(join(work, 'data'));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const fileLog = new FileLog({ dir: paths.logs });
  const config = kioskConfigSchema.parse({ county: { url: link.url } });
  host = await startKioskHost({
    config,
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: 'test',
    services: (h) => {
      queue = new QueueService({
        host: h,
        paths,
        keys: keyFileDataKey(join(paths.keys, 'data.key')),
        log: fileLog.logger('queue'),
        credentials: async () => credentials,
        drain: { idleMs: 300, backoffBaseMs: 200, backoffCapMs: 1000 },
      });
      return [queue];
    },
  });
  const token = randomBytes(18).toString('base64url');
  server = createStaticServer({
    root: join(work, 'www'),
    csp: () => buildCsp({ countyUrl: link.url, extraConnect: [origin.replace(/^http/, 'ws')] }),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  attachWebSocketBinding(server, host.contract, { token, allowedOrigins: [origin] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage();
  await page.goto(`${origin}/#token=${token}`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  await host?.stop();
  await link?.stop();
  await gateway?.close();
  await rm(work, { recursive: true, force: true });
});

type TestApi = {
  queueTest: {
    start(): Promise<number>;
    submit(d: unknown): Promise<string>;
    local(): Promise<Array<{ id: string; status: string }>>;
    personalCount(): Promise<number>;
    wipe(): Promise<number>;
  };
};

describe('wiped IndexedDB in Chromium', () => {
  it('restores unsynced applications from the host journal, then delivers each exactly once', async () => {
    expect(await page.evaluate(() => (window as unknown as TestApi).queueTest.start())).toBe(0);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await page.evaluate((d) => (window as unknown as TestApi).queueTest.submit(d), sampleDraft()));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await page.evaluate(() => (window as unknown as TestApi).queueTest.local())).map((d) => d.id).sort(),
    ).toEqual([...ids].sort());

    expect(await page.evaluate(() => (window as unknown as TestApi).queueTest.wipe())).toBe(0);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await page.evaluate(() => (window as unknown as TestApi).queueTest.start())).toBe(3);
    const restored = await page.evaluate(() => (window as unknown as TestApi).queueTest.local());
    expect(restored.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(restored.every((d) => d.status === 'submitted')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as TestApi).queueTest.personalCount())).toBe(3);

    // The county comes back: the host drain and the renderer's replication both deliver.
    link.setTarget({ host: '127.0.0.1', port: Number(new URL(gateway.url).port) });
    const deadline = Date.now() + 45_000;
    let local: Array<{ id: string; status: string }> = [];
    while (Date.now() < deadline) {
      local = await page.evaluate(() => (window as unknown as TestApi).queueTest.local());
      if (local.every((d) => d.status === 'received') && queue.journal!.pending().length === 0) break;
      await page.waitForTimeout(300);
    }
    expect(
      local.map((d) => d.status),
      `journal pending ${queue.journal!.pending().length}`,
    ).toEqual(['received', 'received', 'received']);
    expect(queue.journal!.pending()).toHaveLength(0);
    const rows = (
      await gateway.db.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'applications'")
    ).rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  }, 90_000);
});
