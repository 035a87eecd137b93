import type { PrinterLogger } from '../../../../drivers/printer/logger';
import type { HtmlToPdf, PdfOptions, SystemPrinter, SystemPrintOptions } from './a4Interfaces';

export interface A4PrintServiceOptions {
  htmlToPdf: HtmlToPdf;
  printer: SystemPrinter;
  logger: PrinterLogger;
}

export type A4PrintResult = { jobRef: string; pdfBytes: number };

/**
 * A4 documents (application forms to sign, result notices): HTML → PDF → system printer. Errors
 * reject with HtmlToPdfError / SystemPrintError so the UI can offer "try again" or send the
 * villager to the clerk; the HTML itself is never logged (it holds personal data).
 */
export class A4PrintService {
  constructor(private readonly opts: A4PrintServiceOptions) {}

  async print(html: string, print: SystemPrintOptions & PdfOptions): Promise<A4PrintResult> {
    const started = Date.now();
    const pdf = await this.opts.htmlToPdf.render(html, { landscape: print.landscape ?? false });
    const { jobRef } = await this.opts.printer.printPdf(pdf, {
      title: print.title,
      copies: print.copies ?? 1,
    });
    this.opts.logger.info('A4 document sent', {
      printer: this.opts.printer.description,
      jobRef,
      title: print.title,
      pdfBytes: pdf.length,
      ms: Date.now() - started,
    });
    return { jobRef, pdfBytes: pdf.length };
  }
}
