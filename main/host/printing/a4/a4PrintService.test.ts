import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../drivers/printer/logger';
import { HtmlToPdfError, SystemPrintError } from './a4Interfaces';
import { A4PrintService } from './a4PrintService';
import { ChromiumHtmlToPdf } from './chromiumHtmlToPdf';
import { CupsSystemPrinter } from './cupsSystemPrinter';
import { findPdf, printedAs } from './testing/cupsPdfOutput';

const queue = process.env.CUNBAN_CUPS_QUEUE ?? 'CunbanPDF';

const form = (name: string) => `<!doctype html><html><head><meta charset="utf-8">
<style>@page { size: A4; margin: 20mm } body { font-family: 'Noto Sans CJK SC', sans-serif; }</style></head>
<body><h1>城乡居民基本养老保险参保登记表</h1><p>申请人：${name}</p><p>受理编号 XF01-20261129-0007</p></body></html>`;

describe('A4 printing through Chromium and the real CUPS queue', () => {
  it('the PDF arrives in the cups-pdf queue and contains the Chinese text', {
    timeout: 200_000,
  }, async () => {
    const token = `cunban-a4-${randomBytes(4).toString('hex')}`;
    // Generous limits: Chromium's cold start with CJK fonts takes 5–40 s on the shared CI machine.
    const chromium = new ChromiumHtmlToPdf({ timeoutMs: 100_000 });
    let madePdf: Buffer = Buffer.alloc(0);
    const service = new A4PrintService({
      htmlToPdf: { render: async (html, o) => (madePdf = await chromium.render(html, o)) },
      printer: new CupsSystemPrinter({ queue }),
      logger: silentLogger,
    });
    const result = await service.print(form('欧阳𠮷䶮'), { title: token });
    expect(result.jobRef).toMatch(new RegExp(`^${queue}-\\d+$`));
    expect(result.pdfBytes).toBe(madePdf.length);
    // Chromium's PDF keeps every character, rare ones included.
    const made = execFileSync('pdftotext', ['-', '-'], { input: madePdf, encoding: 'utf8' });
    expect(made).toContain('欧阳𠮷䶮');
    // What came out of the queue: CUPS re-renders the PDF (pdftops-renderer=pdftocairo, set on the
    // queue by .ci/start-services.sh; ghostscript would turn the CJK text into unextractable
    // Type 3 glyphs), which loses the text layer of 4-byte characters but keeps the rest.
    const pdf = await findPdf(token);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFKC');
    expect(text).toMatch(printedAs('城乡居民基本养老保险参保登记表'));
    expect(text).toMatch(printedAs('申请人：欧阳'));
    expect(text).toContain('XF01-20261129-0007');
    await rm(pdf, { force: true });
  });

  it('reports a missing or malformed queue, a non-PDF and a missing Chromium with typed errors', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await expect(
      new CupsSystemPrinter({ queue: 'NoSuchQueue' }).printPdf(pdf, { title: 't' }),
    ).rejects.toBeInstanceOf(SystemPrintError);
    expect(() => new CupsSystemPrinter({ queue: 'a; rm -rf /' })).toThrow(SystemPrintError);
    await expect(
      new CupsSystemPrinter({ queue }).printPdf(Buffer.from('hello'), { title: 't' }),
    ).rejects.toBeInstanceOf(SystemPrintError);
    await expect(
      new ChromiumHtmlToPdf({ executablePath: '/nonexistent/chromium' }).render('<p>x</p>'),
    ).rejects.toBeInstanceOf(HtmlToPdfError);
    expect(await new CupsSystemPrinter({ queue }).queueState()).not.toBe('missing');
    expect(await new CupsSystemPrinter({ queue: 'NoSuchQueue' }).queueState()).toBe('missing');
  });
});
