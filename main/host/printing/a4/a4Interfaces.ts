/**
 * The two seams of A4 printing. The Electron shell passes a `HtmlToPdf` built on
 * `webContents.printToPDF` and, on Windows, a `SystemPrinter` built on silent `webContents.print`
 * with the system device name; the browser host and Linux kiosks use Chromium and CUPS from here.
 */
export interface PdfOptions {
  landscape?: boolean;
}

export interface HtmlToPdf {
  /** A complete HTML document (with `@page { size: A4 }`) → PDF bytes. */
  render(html: string, opts?: PdfOptions): Promise<Buffer>;
}

export interface SystemPrintOptions {
  /**
   * Job title: shows in the spooler and in cups-pdf's file name, so it must never carry personal
   * data — use the document type and the tracking number.
   */
  title: string;
  copies?: number;
}

export interface SystemPrinter {
  /** Describes the target for logs, e.g. "cups CunbanPDF". */
  readonly description: string;
  /** Hands a PDF to the system spooler; resolves with the spooler's job reference. */
  printPdf(pdf: Buffer, opts: SystemPrintOptions): Promise<{ jobRef: string }>;
}

export class HtmlToPdfError extends Error {
  override readonly name = 'HtmlToPdfError';
}

export class SystemPrintError extends Error {
  override readonly name = 'SystemPrintError';
}
