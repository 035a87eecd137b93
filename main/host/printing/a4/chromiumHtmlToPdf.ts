import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type HtmlToPdf, HtmlToPdfError, type PdfOptions } from './a4Interfaces';
import { runProcess } from './runProcess';

export interface ChromiumHtmlToPdfOptions {
  executablePath?: string;
  /** Cold Chromium start with CJK fonts takes seconds on a slow kiosk. */
  timeoutMs?: number;
}

/**
 * HTML → PDF with headless Chromium's `--print-to-pdf`, for the browser host. One short-lived
 * process per document with its own empty profile, so nothing (cookies, cache) outlives the page,
 * and the page is loaded from a private temp file with networking left off.
 */
export class ChromiumHtmlToPdf implements HtmlToPdf {
  constructor(private readonly opts: ChromiumHtmlToPdfOptions = {}) {}

  async render(html: string, pdfOpts: PdfOptions = {}): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-a4-'));
    try {
      const page = join(dir, 'page.html');
      const out = join(dir, 'page.pdf');
      // Landscape is a CSS @page matter for --print-to-pdf; add it rather than asking callers to.
      const doc = pdfOpts.landscape
        ? html.replace(/<head>/i, '<head><style>@page{size:A4 landscape}</style>')
        : html;
      await writeFile(page, doc, { mode: 0o600 });
      const result = await runProcess(
        this.opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-extensions',
          '--no-pdf-header-footer',
          `--user-data-dir=${join(dir, 'profile')}`,
          `--print-to-pdf=${out}`,
          pathToFileURL(page).href,
        ],
        { timeoutMs: this.opts.timeoutMs ?? 60_000 },
      );
      if (result.timedOut) throw new HtmlToPdfError('Chromium did not finish the PDF in time');
      const pdf = await readFile(out).catch(() => Buffer.alloc(0));
      if (pdf.subarray(0, 5).toString() !== '%PDF-') {
        throw new HtmlToPdfError(`Chromium made no PDF (exit ${result.code}): ${result.stderr.slice(-300)}`);
      }
      return pdf;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
