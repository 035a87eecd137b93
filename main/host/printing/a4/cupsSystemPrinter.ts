import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemPrintError, type SystemPrinter, type SystemPrintOptions } from './a4Interfaces';
import { runProcess } from './runProcess';

export interface CupsSystemPrinterOptions {
  queue: string;
  lpPath?: string;
  lpstatPath?: string;
  timeoutMs?: number;
}

export type CupsQueueState = 'idle' | 'printing' | 'disabled' | 'missing';

/** Linux system printing: `lp -d QUEUE` (CUPS). */
export class CupsSystemPrinter implements SystemPrinter {
  readonly description: string;

  constructor(private readonly opts: CupsSystemPrinterOptions) {
    if (!/^[A-Za-z0-9_.-]+$/.test(opts.queue))
      throw new SystemPrintError(`invalid CUPS queue name ${opts.queue}`);
    this.description = `cups ${opts.queue}`;
  }

  async printPdf(pdf: Buffer, opts: SystemPrintOptions): Promise<{ jobRef: string }> {
    if (pdf.subarray(0, 5).toString() !== '%PDF-') throw new SystemPrintError('not a PDF');
    const copies = opts.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 20)
      throw new SystemPrintError(`bad copies ${copies}`);
    const dir = await mkdtemp(join(tmpdir(), 'cunban-lp-'));
    try {
      const file = join(dir, 'document.pdf');
      await writeFile(file, pdf, { mode: 0o600 });
      // lp copies the file into the spool before it returns, so the temp file can go afterwards.
      const r = await runProcess(
        this.opts.lpPath ?? 'lp',
        ['-d', this.opts.queue, '-t', opts.title, '-n', String(copies), '--', file],
        { timeoutMs: this.opts.timeoutMs ?? 30_000 },
      );
      const id = /request id is (\S+)/.exec(r.stdout)?.[1];
      if (r.code !== 0 || !id) {
        throw new SystemPrintError(
          `lp failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}): ${r.stderr.trim()}`,
        );
      }
      return { jobRef: id };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** For the health report: whether the queue exists and accepts work. */
  async queueState(): Promise<CupsQueueState> {
    const r = await runProcess(this.opts.lpstatPath ?? 'lpstat', ['-p', this.opts.queue], {
      timeoutMs: 10_000,
    });
    if (r.code !== 0) return 'missing';
    if (/disabled/.test(r.stdout)) return 'disabled';
    if (/now printing/.test(r.stdout)) return 'printing';
    return 'idle';
  }
}
