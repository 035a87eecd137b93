import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApplicationDocument } from '../../../sync/protocol/documents';
import { syncDirectory, writeFileAtomic } from '../secure/atomicFile';
import type { Sealer } from '../secure/sealedBox';
import { decodeFrames, encodeFrame } from './recordFraming';
import { shanghaiDay, TrackingCounters } from './trackingCounters';

/**
 * The host's append-only journal of submitted applications: the commit point behind the
 * villager's receipt. Each record is sealed (AES-256-GCM with the kiosk's data key), framed
 * with a length and a CRC, appended and fsync'd before `appendApplication` returns. A torn last
 * record (power cut mid-write) is detected on open and cut off; every earlier record survives.
 *
 * The journal also owns the daily tracking-number sequence, so a number is never given twice —
 * not after a restart, not after IndexedDB is wiped, not after compaction (which carries the
 * counters over).
 */
export type JournalRecord =
  | { t: 'app'; day: string; seq: number; doc: ApplicationDocument }
  | { t: 'ack'; id: string; at: string }
  | { t: 'counters'; counters: Record<string, number> };

export const JOURNAL_FILE = 'applications.journal';
const AAD = Buffer.from('cunban-journal-v1');

export class JournalError extends Error {
  constructor(
    readonly code: 'sequence-exhausted' | 'closed' | 'corrupt-record',
    message: string,
    readonly messageZh = '申请暂时无法保存，请联系工作人员。',
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

export interface JournalOptions {
  now?: () => Date;
  /** Compact once this many acknowledged records have accumulated. */
  compactAfterAcks?: number;
}

export interface JournalOpenReport {
  records: number;
  tornTailBytes: number;
}

export class Journal {
  private readonly pendingDocs = new Map<string, ApplicationDocument>();
  private readonly counters = new TrackingCounters();
  private ackRecords = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private handle: FileHandle | null = null;
  readonly file: string;

  private constructor(
    readonly dir: string,
    private readonly sealer: Sealer,
    private readonly options: JournalOptions,
  ) {
    this.file = join(dir, JOURNAL_FILE);
  }

  static async open(dir: string, sealer: Sealer, options: JournalOptions = {}): Promise<Journal> {
    const journal = new Journal(dir, sealer, options);
    journal.openReport = await journal.load();
    return journal;
  }

  openReport: JournalOpenReport = { records: 0, tornTailBytes: 0 };

  /** Reads every intact record of a journal file (tests and recovery tools). */
  static async readRecords(
    file: string,
    sealer: Sealer,
  ): Promise<{ records: JournalRecord[]; tornTail: boolean }> {
    const bytes = await readFile(file);
    const frames = decodeFrames(bytes);
    return { records: frames.payloads.map((p) => decodeRecord(sealer, p)), tornTail: frames.tornTail };
  }

  private async load(): Promise<JournalOpenReport> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    let bytes: Buffer;
    let created = false;
    try {
      bytes = await readFile(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      bytes = Buffer.alloc(0);
      created = true;
    }
    const frames = decodeFrames(bytes);
    for (const payload of frames.payloads) this.apply(decodeRecord(this.sealer, payload));
    this.handle = await open(this.file, created ? 'a' : 'r+', 0o600);
    if (frames.tornTail) {
      // Cut the torn record off, so the next append does not leave garbage in the middle.
      await this.handle.truncate(frames.validBytes);
      await this.handle.sync();
    }
    if (created) {
      await this.handle.sync();
      await syncDirectory(this.dir);
    }
    if (!created) {
      await this.handle.close();
      this.handle = await open(this.file, 'a', 0o600);
    }
    return { records: frames.payloads.length, tornTailBytes: bytes.length - frames.validBytes };
  }

  private apply(record: JournalRecord): void {
    switch (record.t) {
      case 'app':
        this.counters.observe(record.day, record.seq);
        this.pendingDocs.set(record.doc.id, record.doc);
        break;
      case 'ack':
        this.pendingDocs.delete(record.id);
        this.ackRecords++;
        break;
      case 'counters':
        this.counters.merge(record.counters);
        break;
    }
  }

  /** Runs write operations one at a time, in call order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => {});
    return next;
  }

  private async write(records: JournalRecord[]): Promise<void> {
    if (!this.handle) throw new JournalError('closed', 'journal is closed');
    const frames = records.map((r) => encodeFrame(this.sealer.seal(Buffer.from(JSON.stringify(r)), AAD)));
    await this.handle.write(Buffer.concat(frames));
    await this.handle.sync();
  }

  /**
   * Allocates the next tracking sequence for today, lets `build` make the document, and makes
   * it durable. The returned document is what the receipt shows.
   */
  appendApplication(
    build: (day: Date, sequence: number) => ApplicationDocument,
  ): Promise<ApplicationDocument> {
    return this.serial(async () => {
      const now = this.options.now?.() ?? new Date();
      const day = shanghaiDay(now);
      const seq = this.counters.next(day);
      if (seq > 9999) {
        throw new JournalError(
          'sequence-exhausted',
          `all 9999 tracking numbers of ${day} are used`,
          '今天的受理编号已用完，请明天再来或到乡镇便民服务中心办理。',
        );
      }
      const doc = build(now, seq);
      await this.write([{ t: 'app', day, seq, doc }]);
      this.apply({ t: 'app', day, seq, doc });
      return doc;
    });
  }

  /** Unacknowledged applications, oldest first. */
  pending(): ApplicationDocument[] {
    return [...this.pendingDocs.values()];
  }

  /** The county has the document and every file: the entry may go at the next compaction. */
  acknowledge(ids: string[]): Promise<void> {
    return this.serial(async () => {
      const known = ids.filter((id) => this.pendingDocs.has(id));
      if (known.length === 0) return;
      const at = (this.options.now?.() ?? new Date()).toISOString();
      const records: JournalRecord[] = known.map((id) => ({ t: 'ack', id, at }));
      await this.write(records);
      for (const r of records) this.apply(r);
      if (this.ackRecords >= (this.options.compactAfterAcks ?? 50)) await this.compactNow();
    });
  }

  compact(): Promise<void> {
    return this.serial(() => this.compactNow());
  }

  /** Rewrites the file with the counters and the pending entries only (atomic rename). */
  private async compactNow(): Promise<void> {
    const today = shanghaiDay(this.options.now?.() ?? new Date());
    const records: JournalRecord[] = [
      { t: 'counters', counters: this.counters.snapshot(today) },
      ...this.readPendingRecords(),
    ];
    const frames = records.map((r) => encodeFrame(this.sealer.seal(Buffer.from(JSON.stringify(r)), AAD)));
    await this.handle?.close();
    this.handle = null;
    await writeFileAtomic(this.file, Buffer.concat(frames), 0o600);
    this.handle = await open(this.file, 'a', 0o600);
    this.ackRecords = 0;
  }

  private readPendingRecords(): JournalRecord[] {
    return this.pending().map((doc) => {
      const parsed = /^\d{14}-(\d{8})-(\d{4})$/.exec(doc.trackingNumber);
      return { t: 'app' as const, day: parsed?.[1] ?? '', seq: Number(parsed?.[2] ?? 0), doc };
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }
}

function decodeRecord(sealer: Sealer, payload: Buffer): JournalRecord {
  try {
    return JSON.parse(sealer.open(payload, AAD).toString('utf8')) as JournalRecord;
  } catch (err) {
    // The CRC matched, so this is not a torn write: a wrong key or tampering. Refuse loudly.
    throw new JournalError('corrupt-record', `journal record failed to open: ${(err as Error).message}`);
  }
}
