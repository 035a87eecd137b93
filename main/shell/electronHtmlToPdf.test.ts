import { describe, expect, it } from 'vitest';
import { HtmlToPdfError } from '../host/printing/a4/a4Interfaces';
import { electronHtmlToPdf, type PdfWindow } from './electronHtmlToPdf';

function fakeWindow(behaviour: { pdf?: Buffer; loadFails?: boolean; hang?: boolean }) {
  const seen = { url: '', destroyed: false, landscape: false };
  const win: PdfWindow = {
    async loadURL(url) {
      seen.url = url;
      if (behaviour.loadFails) throw new Error('ERR_FAILED');
    },
    webContents: {
      printToPDF: (options) => {
        seen.landscape = options.landscape;
        return behaviour.hang
          ? new Promise(() => {})
          : Promise.resolve(behaviour.pdf ?? Buffer.from('%PDF-1.7 x'));
      },
    },
    destroy() {
      seen.destroyed = true;
    },
  };
  return { win, seen };
}

describe('electronHtmlToPdf', () => {
  it('loads the page as a data URL, prints A4 and always destroys the window', async () => {
    const { win, seen } = fakeWindow({});
    const pdf = await electronHtmlToPdf(() => win).render('<html><body>办结通知书</body></html>', {
      landscape: true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(seen.url.split(',')[1]!, 'base64').toString()).toContain('办结通知书');
    expect(seen.landscape).toBe(true);
    expect(seen.destroyed).toBe(true);
  });

  it('turns a failed load, a non-PDF answer and a hang into HtmlToPdfError', async () => {
    for (const behaviour of [{ loadFails: true }, { pdf: Buffer.from('<html>') }, { hang: true }]) {
      const { win, seen } = fakeWindow(behaviour);
      await expect(electronHtmlToPdf(() => win, 50).render('<p>x</p>')).rejects.toBeInstanceOf(
        HtmlToPdfError,
      );
      expect(seen.destroyed).toBe(true);
    }
  });
});
