import { ContractError } from '../../../../contract/define';
import type { PrintJobView } from '../../../../drivers/printer/schemas';
import type { KioskHost } from '../../kioskHost';
import type { Logger } from '../../logging/logger';
import type { NoticeSource } from '../../syncService/applicationLookup';
import type { HtmlToPdf } from '../a4/a4Interfaces';
import { A4PrintService } from '../a4/a4PrintService';
import { ChromiumHtmlToPdf } from '../a4/chromiumHtmlToPdf';
import { CupsSystemPrinter } from '../a4/cupsSystemPrinter';
import { PrintModelError, type PrintService } from '../printService';
import { resultNoticeHtml } from './resultNoticeHtml';
import { NoticeRefused, resultNoticeModel } from './resultNoticeModel';

export interface ResultNoticeDeps {
  /** The application as the host knows it (queue lookup: county answers, then the journal). */
  find(query: { applicationId: string } | { trackingNumber: string }): Promise<NoticeSource | null>;
  /** The receipt printer's queue, when there is one. */
  receipt(): PrintService | undefined;
  /** Defaults to Chromium + CUPS for `devices.a4Printer`; tests and the Electron shell pass theirs. */
  a4?: A4PrintService | null;
  /** How the default A4 path renders HTML (the Electron shell: its own printToPDF). */
  htmlToPdf?: HtmlToPdf;
  now?: () => Date;
}

type Printed = { printer: 'a4' | 'receipt'; job: PrintJobView | null; a4JobRef: string | null };

/**
 * `printer.printResultNotice`: looks the application up in the host, builds the notice (only a
 * decision of the county prints), then A4 when configured — falling back to the receipt
 * printer if the A4 path fails, so the villager still leaves with paper — else the slip.
 */
export function registerResultNotice(host: KioskHost, log: Logger, deps: ResultNoticeDeps): void {
  const a4Config = host.config.devices.a4Printer;
  const a4 =
    deps.a4 !== undefined
      ? deps.a4
      : a4Config
        ? new A4PrintService({
            // Cold Chromium with CJK fonts is slow on a kiosk; the villager sees 正在打印 meanwhile.
            htmlToPdf: deps.htmlToPdf ?? new ChromiumHtmlToPdf({ timeoutMs: 90_000 }),
            printer: new CupsSystemPrinter({ queue: a4Config.queue }),
            logger: log,
          })
        : null;
  const site = () => ({
    siteName: host.config.site?.name ?? '村办自助终端',
    kioskId: host.config.site?.siteCode ?? 'kiosk',
    ...(host.config.site?.townPhone ? { townOfficePhone: host.config.site.townPhone } : {}),
  });

  host.contract.handle({
    'printer.printResultNotice': async (query): Promise<Printed> => {
      let model: ReturnType<typeof resultNoticeModel>;
      try {
        model = resultNoticeModel(await deps.find(query), site(), deps.now?.() ?? new Date());
      } catch (error) {
        if (error instanceof NoticeRefused)
          throw new ContractError('failed', `${error.reason}: ${error.message}`);
        throw error;
      }
      const receipt = deps.receipt();
      if (a4) {
        try {
          const { jobRef } = await a4.print(resultNoticeHtml(model), {
            // The spooler and cups-pdf show the title: the document type and number only.
            title: `result-notice-${model.trackingNumber}`,
          });
          return { printer: 'a4', job: null, a4JobRef: jobRef };
        } catch (error) {
          log.warn('A4 result notice failed', {
            trackingNumber: model.trackingNumber,
            error: (error as Error).name,
          });
          if (!receipt)
            throw new ContractError('failed', `the A4 printer failed: ${(error as Error).message}`);
        }
      }
      if (!receipt) throw new ContractError('unavailable', 'no printer configured on this kiosk');
      try {
        const job = await receipt.printResultNotice(model);
        return { printer: 'receipt', job, a4JobRef: null };
      } catch (error) {
        if (error instanceof PrintModelError) throw new ContractError('failed', error.message);
        throw error;
      }
    },
  });
}
