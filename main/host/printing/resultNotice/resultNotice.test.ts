import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from '../../../../drivers/printer/codec/printedDocument';
import { EscPosPrinter } from '../../../../drivers/printer/escposPrinter';
import { PtyPrinterSimulator } from '../../../../drivers/printer/simulator/ptyPrinterSimulator';
import { SerialTransport } from '../../../../drivers/printer/transports/serialTransport';
import { openPtyPair, type PtyPair } from '../../../../drivers/virtualSerial/ptyPair';
import { createStaff } from '../../../../sync/server/staffAuth';
import { type Harness, startHarness } from '../../../../sync/server/testing/gatewayHarness';
import type { KioskConfig } from '../../config/kioskConfig';
import { demoConfig } from '../../config/loadConfig';
import { hostResources } from '../../hostResources';
import { sampleDraft } from '../../journal/testing/sampleDraft';
import { type KioskHost, startKioskHost } from '../../kioskHost';
import { FileLog } from '../../logging/logger';
import { hostPaths } from '../../paths';
import type { QueueService } from '../../syncService/queueService';
import { enrollForTest } from '../../syncService/testing/enrolledCredentials';
import { testQueueService } from '../../syncService/testing/testQueueService';
import { findPdf, printedAs, removePdfs } from '../a4/testing/cupsPdfOutput';
import { PrintService } from '../printService';
import { registerResultNotice } from './resultNoticeHandler';
import { type CountyStaff, signInStaff } from './testing/countyStaff';

/**
 * 办结通知书 from 我的办件 against a real county: the kiosk submits, staff decide through the staff
 * API, the host finds the decision by pulling and prints it — on the receipt printer simulator
 * over a pty, or on A4 through Chromium and the real CUPS queue.
 */
let harness: Harness;
let root: string;
let queueHost: KioskHost;
let queue: QueueService;
let staff: CountyStaff;
let cable: PtyPair;
let simulator: PtyPrinterSimulator;
let receipt: PrintService;
const hosts: KioskHost[] = [];

const demo = demoConfig();
const quietDevices: KioskConfig['devices'] = {
  ...demo.devices,
  idCardReader: { transport: 'none' },
  receiptPrinter: { transport: 'none' },
  documentScanner: { transport: 'none' },
  barcodeScanner: { transport: 'none' },
};

/** A host with only the result-notice handler, finding applications in the one queue. */
async function noticeHost(name: string, a4Printer: { queue: string } | null, withReceipt: boolean) {
  const paths = hostPaths(join(root, name));
  const log = new FileLog({ dir: paths.logs });
  const host = await startKioskHost({
    config: { ...demo, devices: { ...quietDevices, a4Printer } },
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => {
      registerResultNotice(h, log.logger('printer'), {
        find: (query) => queue.findForNotice(query),
        receipt: () => (withReceipt ? receipt : undefined),
      });
      return [];
    },
  });
  hosts.push(host);
  const call = async (input: unknown) => {
    const answer = await host.contract.dispatch({
      kind: 'request',
      id: 1,
      name: 'printer.printResultNotice',
      input,
    });
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
    return answer.output as { printer: string; job: { status: string } | null; a4JobRef: string | null };
  };
  return { host, call };
}

async function submitted(): Promise<{ id: string; trackingNumber: string }> {
  const answer = await queueHost.contract.dispatch({
    kind: 'request',
    id: 1,
    name: 'queue.submit',
    input: sampleDraft(),
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const { document } = answer.output as { document: { id: string; trackingNumber: string } };
  await expect
    .poll(
      async () =>
        (
          await harness.db.query("SELECT id FROM documents WHERE collection = 'applications' AND id = $1", [
            document.id,
          ])
        ).rows.length,
      { timeout: 30_000, interval: 200 },
    )
    .toBe(1);
  return document;
}

const squash = (t: string) => t.replace(/\s/g, '');

beforeAll(async () => {
  harness = await startHarness('pglite');
  await createStaff(harness.db, {
    username: 'lan',
    displayName: '蓝科员',
    password: 'correct horse 1',
    role: 'clerk',
  });
  staff = await signInStaff(harness.url, 'lan', 'correct horse 1');
  const credentials = await enrollForTest(harness.db, harness.url);
  root = await mkdtemp(join(tmpdir(), 'cunban-notice-'));
  const paths = hostPaths(join(root, 'queue'));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs });
  const resources = hostResources(paths);
  queueHost = await startKioskHost({
    config: { ...demo, devices: quietDevices },
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => {
      queue = testQueueService(h, resources, log, credentials, { countyUrl: harness.url });
      return [queue];
    },
  });
  cable = await openPtyPair();
  simulator = new PtyPrinterSimulator(cable.devicePath);
  await simulator.open();
  receipt = new PrintService({
    dataDir: join(root, 'print-jobs'),
    printer: new EscPosPrinter({
      transport: new SerialTransport({ path: cable.hostPath }),
      logger: log.logger('p'),
    }),
    paper: '58mm',
    logger: log.logger('print'),
  });
  await receipt.start();
}, 90_000);
afterAll(async () => {
  for (const h of hosts) await h.stop();
  await receipt?.stop();
  await simulator?.close();
  await cable?.close();
  await queueHost?.stop();
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

describe('result notice on the receipt printer', () => {
  it('prints only once the county decided, from what the host knows, masked', async () => {
    const { call } = await noticeHost('slip', null, true);
    const app = await submitted();
    await expect(call({ trackingNumber: app.trackingNumber })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/^not-decided/),
    });
    await staff.act(app.id, 'accept');
    await staff.act(app.id, 'complete', '津贴自下月起按月发放到本人社保卡。');
    const before = simulator.printer.documents.length;
    const printed = await call({ trackingNumber: app.trackingNumber });
    expect(printed).toMatchObject({ printer: 'receipt', a4JobRef: null, job: { status: 'printed' } });
    expect(simulator.printer.documents).toHaveLength(before + 1);
    const text = squash(documentText(simulator.printer.documents.at(-1)!));
    for (const expected of [
      '办结通知书',
      '高龄老人津贴申请',
      app.trackingNumber,
      '蓝*婆',
      '1101**********002X',
      '津贴自下月起按月发放到本人社保卡',
    ])
      expect(text).toContain(squash(expected));
    expect(text).not.toContain('蓝阿婆');
    expect(text).not.toContain('11010519491231002X');
  }, 60_000);

  it('prints a 补正 notice by application id with what to bring', async () => {
    const { call } = await noticeHost('correction', null, true);
    const app = await submitted();
    await staff.act(app.id, 'requestCorrection', '请补交户口簿本人页');
    expect(await call({ applicationId: app.id })).toMatchObject({
      printer: 'receipt',
      job: { status: 'printed' },
    });
    const text = squash(documentText(simulator.printer.documents.at(-1)!));
    expect(text).toContain('补正材料告知单');
    expect(text).toContain('请补交户口簿本人页');
  }, 60_000);

  it('refuses unknown numbers, personal data from the renderer, garbage, and a kiosk without printers', async () => {
    const { call } = await noticeHost('refusals', null, true);
    await expect(call({ trackingNumber: '44162520000199-20260101-9999' })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/^not-found/),
    });
    // The renderer cannot slip in a name or a status: only a reference is accepted.
    await expect(
      call({ trackingNumber: 'X-1', applicantName: '张三', status: 'completed' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(call({ trackingNumber: '<script>' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call({ trackingNumber: 'x'.repeat(41) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call({})).rejects.toMatchObject({ code: 'invalid-input' });
    const app = await submitted();
    await staff.act(app.id, 'refuse', '不符合申领条件');
    const none = await noticeHost('no-printers', null, false);
    await expect(none.call({ trackingNumber: app.trackingNumber })).rejects.toMatchObject({
      code: 'unavailable',
    });
  }, 60_000);
});

describe('result notice on A4 through Chromium and CUPS', () => {
  const cupsQueue = process.env.CUNBAN_CUPS_QUEUE ?? 'CunbanPDF';

  it('the A4 page reaches the cups-pdf queue in Chinese, with the decision and the masked applicant', async () => {
    const { call } = await noticeHost('a4', { queue: cupsQueue }, true);
    const app = await submitted();
    await staff.act(app.id, 'refuse', '年龄未满80周岁，不符合申领条件');
    // Every run's county numbers its first applications alike: clear what an earlier run left.
    await removePdfs(`result-notice-${app.trackingNumber}`);
    const before = simulator.printer.documents.length;
    const printed = await call({ trackingNumber: app.trackingNumber });
    expect(printed).toMatchObject({ printer: 'a4', job: null });
    expect(printed.a4JobRef).toMatch(new RegExp(`^${cupsQueue}-\\d+$`));
    expect(simulator.printer.documents).toHaveLength(before); // not on the slip as well
    const pdf = await findPdf(`result-notice-${app.trackingNumber}`);
    const text = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFKC'));
    expect(text).toMatch(printedAs('结果告知单'));
    expect(text).toMatch(printedAs('不予受理'));
    expect(text).toContain(app.trackingNumber);
    expect(text).toMatch(printedAs('年龄未满'));
    expect(text).toContain('1101**********002X');
    expect(text).not.toContain('11010519491231002X');
    await rm(pdf, { force: true });
  }, 200_000);

  it('falls back to the slip when the A4 printer fails, so the villager still gets paper', async () => {
    const { call } = await noticeHost(
      'a4-broken',
      { queue: `NoSuchQueue${randomBytes(3).toString('hex')}` },
      true,
    );
    const app = await submitted();
    await staff.act(app.id, 'requestCorrection', '请补交银行卡复印件');
    expect(await call({ trackingNumber: app.trackingNumber })).toMatchObject({
      printer: 'receipt',
      job: { status: 'printed' },
    });
    expect(squash(documentText(simulator.printer.documents.at(-1)!))).toContain('请补交银行卡复印件');
  }, 200_000);
});
