import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  PaperWidthSchema,
  PrintJobKindSchema,
  PrintJobStatusSchema,
  type PrintJobView,
  PrintJobViewSchema,
} from '../../../drivers/printer/schemas';

/**
 * One small JSON file per print job, replaced atomically (write temp → fsync → rename → fsync dir),
 * so a power cut leaves either the old record or the new one, never half of either.
 *
 * The job keeps the encoded ESC/POS bytes, not the receipt model: the bytes already carry the masked
 * name and ID number, so nothing on disk here holds personal data in clear, and a reprint is the
 * same paper as the first print.
 */
export const StoredPrintJobSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9-]+$/),
  kind: PrintJobKindSchema,
  status: PrintJobStatusSchema,
  trackingNumber: z.string().optional(),
  paper: PaperWidthSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  failure: PrintJobViewSchema.shape.failure,
  /** ESC/POS bytes, base64. */
  escpos: z.string(),
});
export type StoredPrintJob = z.infer<typeof StoredPrintJobSchema>;

export class PrintJobStoreError extends Error {
  override readonly name = 'PrintJobStoreError';
}

export function jobView(job: StoredPrintJob): PrintJobView {
  const { version: _v, escpos: _b, paper: _p, ...view } = job;
  return view;
}

export class PrintJobStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'print-jobs');
  }

  /** Reads every job; a file that fails to parse is set aside (renamed .corrupt), not fatal. */
  async load(onCorrupt?: (file: string, reason: string) => void): Promise<StoredPrintJob[]> {
    await mkdir(this.dir, { recursive: true });
    const jobs: StoredPrintJob[] = [];
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      if (name.includes('.tmp-')) {
        // A write that never reached its rename: the previous record (if any) is still intact.
        await unlink(path).catch(() => {});
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        jobs.push(StoredPrintJobSchema.parse(JSON.parse(await readFile(path, 'utf8'))));
      } catch (err) {
        onCorrupt?.(name, (err as Error).message.slice(0, 200));
        await rename(path, `${path}.corrupt`).catch(() => {});
      }
    }
    return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async save(job: StoredPrintJob): Promise<void> {
    const data = JSON.stringify(StoredPrintJobSchema.parse(job));
    const final = join(this.dir, `${job.id}.json`);
    const temp = `${final}.tmp-${randomBytes(4).toString('hex')}`;
    const fh = await open(temp, 'w', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, final);
    await this.syncDir();
  }

  async remove(id: string): Promise<void> {
    await unlink(join(this.dir, `${id}.json`)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await this.syncDir();
  }

  /** The rename is durable only once the directory entry is on disk. */
  private async syncDir(): Promise<void> {
    const dh = await open(this.dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}
