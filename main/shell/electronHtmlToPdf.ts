import { type HtmlToPdf, HtmlToPdfError, type PdfOptions } from '../host/printing/a4/a4Interfaces';

/** The part of an Electron BrowserWindow this needs (tests pass a fake; main.ts the real one). */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    printToPDF(options: { pageSize: 'A4'; landscape: boolean; printBackground: boolean }): Promise<Buffer>;
  };
  destroy(): void;
}

/** Window options for the hidden page: sandboxed, no scripts, nothing persisted. */
export const PDF_WINDOW_OPTIONS = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    partition: 'cunban-a4',
  },
} as const;

/**
 * HTML → PDF in the Electron shell with `webContents.printToPDF`: the kiosk's own Chromium, so an
 * installed kiosk needs no second browser for A4 notices. One hidden window per document, always
 * destroyed; the page is a data URL with scripts off, so it reaches nothing.
 */
export function electronHtmlToPdf(createWindow: () => PdfWindow, timeoutMs = 60_000): HtmlToPdf {
  return {
    async render(html: string, opts: PdfOptions = {}): Promise<Buffer> {
      const win = createWindow();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const work = (async () => {
          await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
          return win.webContents.printToPDF({
            pageSize: 'A4',
            landscape: opts.landscape ?? false,
            printBackground: true,
          });
        })();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new HtmlToPdfError('the PDF was not ready in time')), timeoutMs);
        });
        const pdf = await Promise.race([work, timeout]);
        if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
          throw new HtmlToPdfError('printToPDF gave no PDF');
        return pdf;
      } catch (error) {
        if (error instanceof HtmlToPdfError) throw error;
        throw new HtmlToPdfError(`printToPDF failed: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
        win.destroy();
      }
    },
  };
}
