import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import type { MonoImage } from '../../../drivers/printer/codec/escposEncoder';
import type { PrintOutcome, PrintStage } from '../../../drivers/printer/escposPrinter';
import { dailySummaryLayout } from '../../../drivers/printer/layouts/dailySummaryLayout';
import { rasterizedLayout } from '../../../drivers/printer/layouts/rasterizedLayout';
import { receiptLayout } from '../../../drivers/printer/layouts/receiptLayout';
import { resultNoticeLayout } from '../../../drivers/printer/layouts/resultNoticeLayout';
import type { LineRasterizer } from '../../../drivers/printer/layouts/slipWriter';
import { testPageLayout } from '../../../drivers/printer/layouts/testPageLayout';
import { Listeners } from '../../../drivers/printer/listeners';
import type { PrinterLogger } from '../../../drivers/printer/logger';
import { failureMessages } from '../../../drivers/printer/receiptNotice';
import type {
  DailySummaryModel,
  PaperWidth,
  PrinterState,
  PrintFailureReason,
  PrintHealth,
  PrintJobKind,
  PrintJobView,
  ReceiptModel,
  ResultNoticeModel,
  TestPageModel,
} from '../../../drivers/printer/schemas';
import { jobView, PrintJobStore, type StoredPrintJob } from './printJobStore';

/** The receipt printer as the service needs it; `EscPosPrinter` is one. */
export interface ReceiptPrinterDevice {
  readonly state: PrinterState;
  /** For logs and the health report, e.g. "serial /dev/ttyUSB0 @ 115200". */
  readonly transportDescription: string;
  on(event: 'state', listener: (s: PrinterState) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  print(bytes: Uint8Array): Promise<PrintOutcome>;
}

export interface PrintServiceOptions {
  dataDir: string;
  printer: ReceiptPrinterDevice;
  paper: PaperWidth;
  logger: PrinterLogger;
  now?: () => Date;
  /**
   * 'raster' (default): lines with 4-byte GB18030 characters (𠮷) are printed as pictures, because
   * font ROMs often stop at GBK. 'font': send them as text, for printers known to have the glyphs.
   */
  rareCharacters?: 'raster' | 'font';
  /** County logo printed at the top of each receipt (pngToMonoImage of the configured PNG). */
  logo?: MonoImage;
  /** Printed jobs are kept this long for reprints, then deleted (default 30 days). */
  keepPrintedDays?: number;
}

export class PrintJobNotFoundError extends Error {
  override readonly name = 'PrintJobNotFoundError';
}
export class PrintJobBusyError extends Error {
  override readonly name = 'PrintJobBusyError';
}
export class PrintModelError extends Error {
  override readonly name = 'PrintModelError';
}
export class PrintServiceNotStartedError extends Error {
  override readonly name = 'PrintServiceNotStartedError';
}

type PrintServiceEvents = { job: PrintJobView; state: PrinterState };

/**
 * The kiosk's print queue. Each job is written to disk before its first byte goes to the printer,
 * and its status after each step, so the record on disk always errs on the side of "maybe printed":
 *
 *  - crash before `printing` is recorded → the job is `queued` on disk, nothing was sent. On restart
 *    it becomes `failed` (reason `interrupted`): the villager has probably left, and a receipt with
 *    their details should not appear unattended. A clerk reprints it on request.
 *  - crash after `printing` is recorded (bytes may be on paper) but before `printed` → on restart it
 *    becomes `uncertain` and is never reprinted automatically; a clerk looks and reprints if needed.
 *  - failure reported by the printer (paper out, cover open, link lost) → `failed` with the reason,
 *    kept for a reprint on request. Failed jobs are never retried on their own: a half-printed
 *    receipt followed by an automatic second one is exactly the duplicate we must not make.
 *
 * Only `reprint(jobId)` prints a job a second time.
 */
export class PrintService {
  private readonly store: PrintJobStore;
  private readonly jobsById = new Map<string, StoredPrintJob>();
  private readonly events = new Listeners<PrintServiceEvents>();
  private readonly now: () => Date;
  private readonly log: PrinterLogger;
  private queue: Promise<unknown> = Promise.resolve();
  private started = false;
  private unsubscribePrinter: (() => void) | undefined;

  constructor(private readonly opts: PrintServiceOptions) {
    this.store = new PrintJobStore(opts.dataDir);
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger;
  }

  get state(): PrinterState {
    return this.opts.printer.state;
  }

  on<K extends keyof PrintServiceEvents>(event: K, listener: (v: PrintServiceEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Loads the queue from disk, settles jobs a previous run left behind, and starts the printer. */
  async start(): Promise<void> {
    if (this.started) return;
    const jobs = await this.store.load((file, reason) =>
      this.log.error('print job file unreadable', { file, reason }),
    );
    const keepMs = (this.opts.keepPrintedDays ?? 30) * 86_400_000;
    for (const job of jobs) {
      if (job.status === 'printed' && this.now().getTime() - Date.parse(job.updatedAt) > keepMs) {
        await this.store.remove(job.id);
        continue;
      }
      this.jobsById.set(job.id, job);
      if (job.status === 'queued')
        await this.update(job, { status: 'failed', failure: this.failure('interrupted', 'before') });
      else if (job.status === 'printing') await this.update(job, { status: 'uncertain' });
    }
    this.unsubscribePrinter = this.opts.printer.on('state', (s) => this.events.emit('state', s));
    this.started = true;
    await this.opts.printer.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.queue.catch(() => {});
    this.unsubscribePrinter?.();
    await this.opts.printer.stop();
  }

  health(): PrintHealth {
    let failedJobs = 0;
    let uncertainJobs = 0;
    for (const j of this.jobsById.values()) {
      if (j.status === 'failed') failedJobs++;
      else if (j.status === 'uncertain') uncertainJobs++;
    }
    return {
      printer: this.state,
      transport: this.opts.printer.transportDescription,
      failedJobs,
      uncertainJobs,
    };
  }

  /**
   * A clerk has dealt with a failed or uncertain job (reprinted it by hand, or the villager took the
   * number): forget it. Printed jobs age out on their own.
   */
  async dismiss(jobId: string): Promise<void> {
    const job = this.jobsById.get(jobId);
    if (!job) throw new PrintJobNotFoundError(`no print job ${jobId}`);
    if (job.status === 'queued' || job.status === 'printing') {
      throw new PrintJobBusyError(`print job ${jobId} is already ${job.status}`);
    }
    await this.store.remove(jobId);
    this.jobsById.delete(jobId);
    this.log.info('print job dismissed', { jobId, status: job.status });
  }

  jobs(): PrintJobView[] {
    return [...this.jobsById.values()].map(jobView);
  }

  job(id: string): PrintJobView | undefined {
    const j = this.jobsById.get(id);
    return j && jobView(j);
  }

  /**
   * Validates the model (rejects with PrintModelError before anything is stored), then queues and
   * prints the receipt. Resolves with the job's final state; printer faults are a `failed` job.
   */
  async printReceipt(model: ReceiptModel): Promise<PrintJobView> {
    const logo = this.opts.logo;
    const bytes = await this.layout((rasterizeLine) =>
      receiptLayout(model, { paper: this.opts.paper, ...(logo ? { logo } : {}), ...rasterizeLine }),
    );
    return this.submit('receipt', bytes, model.trackingNumber);
  }

  /** The county's decision as a slip, for kiosks without an A4 printer (see resultNotice/). */
  async printResultNotice(model: ResultNoticeModel): Promise<PrintJobView> {
    const bytes = await this.layout((r) => resultNoticeLayout(model, { paper: this.opts.paper, ...r }));
    return this.submit('result-notice', bytes, model.trackingNumber);
  }

  async printDailySummary(model: DailySummaryModel): Promise<PrintJobView> {
    const bytes = await this.layout((r) => dailySummaryLayout(model, { paper: this.opts.paper, ...r }));
    return this.submit('daily-summary', bytes);
  }

  async printTestPage(model: TestPageModel): Promise<PrintJobView> {
    const bytes = await this.layout((r) => testPageLayout(model, { paper: this.opts.paper, ...r }));
    return this.submit('test-page', bytes);
  }

  /** Lays a slip out, with rare characters drawn as pictures unless configured otherwise. */
  private async layout(build: (r: { rasterizeLine?: LineRasterizer }) => Buffer): Promise<Buffer> {
    this.assertStarted();
    try {
      if (this.opts.rareCharacters === 'font') return build({});
      return await rasterizedLayout((rasterizeLine) => build({ rasterizeLine }));
    } catch (err) {
      // Zod issues name the field and the rule, never the value, so the message is safe to log.
      const detail =
        err instanceof ZodError
          ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : String(err);
      throw new PrintModelError(detail, { cause: err });
    }
  }

  /** Prints a job again, on a person's request: the only way a job reaches paper twice. */
  async reprint(jobId: string): Promise<PrintJobView> {
    this.assertStarted();
    const job = this.jobsById.get(jobId);
    if (!job) throw new PrintJobNotFoundError(`no print job ${jobId}`);
    if (job.status === 'queued' || job.status === 'printing') {
      throw new PrintJobBusyError(`print job ${jobId} is already ${job.status}`);
    }
    this.log.info('reprint requested', { jobId, from: job.status });
    await this.update(job, { status: 'queued', failure: undefined });
    return this.enqueue(job);
  }

  private async submit(kind: PrintJobKind, bytes: Buffer, trackingNumber?: string): Promise<PrintJobView> {
    this.assertStarted();
    const at = this.now().toISOString();
    const job: StoredPrintJob = {
      version: 1,
      id: randomUUID(),
      kind,
      status: 'queued',
      paper: this.opts.paper,
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      escpos: bytes.toString('base64'),
      ...(trackingNumber ? { trackingNumber } : {}),
    };
    await this.store.save(job);
    this.jobsById.set(job.id, job);
    this.events.emit('job', jobView(job));
    return this.enqueue(job);
  }

  private enqueue(job: StoredPrintJob): Promise<PrintJobView> {
    const run = this.queue.then(() => this.run(job));
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(job: StoredPrintJob): Promise<PrintJobView> {
    // Recorded (fsync'd) before the first byte leaves: see the crash windows above.
    await this.update(job, { status: 'printing', attempts: job.attempts + 1 });
    let outcome: PrintOutcome;
    try {
      outcome = await this.opts.printer.print(Buffer.from(job.escpos, 'base64'));
    } catch (err) {
      // Devices report faults as outcomes; an exception here is a bug, but the job must not be lost.
      this.log.error('printer threw during a job', { jobId: job.id, reason: (err as Error).message });
      outcome = { ok: false, stage: 'during', state: this.opts.printer.state, reason: 'write-error' };
    }
    if (outcome.ok) {
      await this.update(job, { status: 'printed', failure: undefined });
      this.log.info('print job done', { jobId: job.id, kind: job.kind, trackingNumber: job.trackingNumber });
    } else {
      await this.update(job, { status: 'failed', failure: this.failure(outcome.reason, outcome.stage) });
      this.log.warn('print job failed', {
        jobId: job.id,
        kind: job.kind,
        trackingNumber: job.trackingNumber,
        stage: outcome.stage,
        reason: outcome.reason,
      });
    }
    return jobView(job);
  }

  private failure(reason: PrintFailureReason, stage?: PrintStage) {
    const m = failureMessages(reason);
    return { reason, ...(stage ? { stage } : {}), messageZh: m.zh, messageEn: m.en };
  }

  private async update(job: StoredPrintJob, change: Partial<StoredPrintJob>): Promise<void> {
    Object.assign(job, change, { updatedAt: this.now().toISOString() });
    if (job.failure === undefined) delete job.failure;
    await this.store.save(job);
    this.events.emit('job', jobView(job));
  }

  private assertStarted(): void {
    if (!this.started) throw new PrintServiceNotStartedError('PrintService.start() has not completed');
  }
}
