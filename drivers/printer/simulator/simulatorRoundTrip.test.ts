import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../virtualSerial/ptyPair';
import { documentText } from '../codec/printedDocument';
import { EscPosPrinter } from '../escposPrinter';
import { dailySummaryLayout } from '../layouts/dailySummaryLayout';
import { receiptLayout, receiptQrPayload } from '../layouts/receiptLayout';
import { sampleReceipt, sampleSummary, sampleTestPage } from '../layouts/sampleModels';
import { TEST_PAGE_CHARSET, testPageLayout } from '../layouts/testPageLayout';
import { SerialTransport } from '../transports/serialTransport';
import { PtyPrinterSimulator } from './ptyPrinterSimulator';

/** Every slip type, through the real driver, a socat pty and the simulator's decoder. */
describe('round trip over a pty through the simulator', () => {
  let pty: PtyPair;
  let sim: PtyPrinterSimulator;
  let printer: EscPosPrinter;

  beforeAll(async () => {
    pty = await openPtyPair();
    sim = new PtyPrinterSimulator(pty.devicePath);
    await sim.open();
    printer = new EscPosPrinter({
      transport: new SerialTransport({ path: pty.hostPath }),
      replyTimeoutMs: 1000,
    });
    await printer.start();
  });
  afterAll(async () => {
    await printer.stop();
    await sim.close();
    await pty.close();
  });

  const squash = (t: string) => t.replace(/\s/g, '');

  it.each(['58mm', '80mm'] as const)(
    'receipt with a long rare-character name and service (%s)',
    async (paper) => {
      const model = {
        ...sampleReceipt,
        applicantName: `${'𠮷'.repeat(12)}䶮`,
        serviceName: `${'申请𠮷䶮补贴'.repeat(8)}`,
        siteName: '龘'.repeat(30),
      };
      const before = sim.printer.documents.length;
      expect((await printer.print(receiptLayout(model, { paper }))).ok).toBe(true);
      const doc = sim.printer.documents[before]!;
      const text = squash(documentText(doc));
      expect(text).toContain(model.serviceName);
      expect(text).toContain(model.siteName);
      expect(text).toContain(`𠮷${'*'.repeat(11)}䶮`);
      expect(doc.blocks.find((b) => b.kind === 'qr')).toMatchObject({ data: receiptQrPayload(model) });
      expect(doc.cut).toBe('partial');
    },
  );

  it('daily summary and test page', async () => {
    const before = sim.printer.documents.length;
    expect((await printer.print(dailySummaryLayout(sampleSummary, { paper: '58mm' }))).ok).toBe(true);
    expect((await printer.print(testPageLayout(sampleTestPage, { paper: '58mm' }))).ok).toBe(true);
    const [summary, page] = sim.printer.documents.slice(before);
    expect(documentText(summary!)).toContain('城乡居民基本养老保险参保登记');
    expect(documentText(page!)).toContain(TEST_PAGE_CHARSET);
    expect(page!.blocks.filter((b) => b.kind !== 'text').map((b) => b.kind)).toEqual(
      expect.arrayContaining(['qr', 'barcode', 'image']),
    );
  });
});
