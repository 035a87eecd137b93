import type { SyncStatus } from '../../../contract/queue';
import { type GatewayClient, GatewayRequestError } from '../../../sync/client/gatewayClient';
import type { ApplicationDocument, MaterialRef } from '../../../sync/protocol/documents';
import type { Outbox } from '../capture/outbox';
import { OutboxError } from '../capture/outbox';
import type { Journal } from '../journal/journal';
import type { Logger } from '../logging/logger';
import { type TusUploader, UploadError } from '../upload/tusUploader';
import { UploadState } from '../upload/uploadState';
import type { RatingOutbox } from './ratingOutbox';
import { backoffDelay } from './retryBackoff';

/**
 * The host's own path from journal to county. It does not wait for the renderer: a wiped
 * IndexedDB, a crashed window or a kiosk that is only powered at night still drains. Documents
 * first (small, and they are what the clerk sees), then pages smallest first, a few at a time
 * so round trips overlap on a high-latency link. The county's push is idempotent by id, so this
 * path and the renderer's RxDB replication may both push the same application harmlessly.
 *
 * An entry is acknowledged (and compacted away, its pages deleted) only when the county holds
 * the document and has verified every page.
 */
export interface CountyDrainOptions {
  journal: Journal;
  outbox: Outbox;
  client: GatewayClient;
  uploader: TusUploader;
  uploadState: UploadState;
  ratings?: RatingOutbox;
  log: Logger;
  onStatus?: (status: SyncStatus) => void;
  pushBatch?: number;
  concurrency?: number;
  idleMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  now?: () => Date;
}

interface FileJob {
  doc: ApplicationDocument;
  material: MaterialRef;
  key: string;
}

const OFFLINE = {
  code: 'offline',
  message: 'the county gateway cannot be reached; applications wait safely on this kiosk',
  messageZh: '暂时连不上县里，申请已安全保存在本机，联网后会自动上报。',
};

export class CountyDrain {
  private readonly pushed = new Set<string>();
  private readonly verified = new Set<string>();
  private readonly lostFiles = new Set<string>();
  /** Applications journaled by this process: their pages cannot be at the county yet. */
  private readonly submittedHere = new Set<string>();
  private failures = 0;
  private stopped = true;
  /** A kick that came in mid-pass: the next pass starts at once instead of after idleMs. */
  private kickedMidPass = false;
  private passesStarted = 0;
  private passesDone = 0;
  private passWaiters: Array<{ target: number; resolve: () => void }> = [];
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private status: SyncStatus = {
    online: false,
    queuedDocuments: 0,
    queuedFiles: 0,
    bytesPending: 0,
    lastSuccessAt: null,
    error: null,
  };

  constructor(private readonly options: CountyDrainOptions) {}

  currentStatus(): SyncStatus {
    return { ...this.status, ...this.counts() };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    for (const w of this.passWaiters.splice(0)) w.resolve();
  }

  /** A new application arrived: start now instead of at the next idle tick. */
  kick(newApplicationId?: string): void {
    if (newApplicationId) this.submittedHere.add(newApplicationId);
    this.publish();
    if (this.wake) this.wake();
    else this.kickedMidPass = true;
  }

  /**
   * Resolves when a pass that starts after this call has finished (delivered or failed), or after
   * `timeoutMs` — a clerk's "sync now" waits for a real attempt, not a pass already half done.
   */
  nextPassDone(timeoutMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.passWaiters.push({
        target: this.passesStarted + 1,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private passFinished(): void {
    this.passesDone++;
    const ready = this.passWaiters.filter((w) => w.target <= this.passesDone);
    this.passWaiters = this.passWaiters.filter((w) => w.target > this.passesDone);
    for (const w of ready) w.resolve();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let delay = this.options.idleMs ?? 30_000;
      this.kickedMidPass = false;
      this.passesStarted++;
      try {
        const done = await this.runOnce();
        this.failures = 0;
        if (!done) delay = 0;
      } catch (err) {
        this.failures++;
        this.setError(err);
        delay = backoffDelay(
          this.failures,
          this.options.backoffBaseMs ?? 1000,
          this.options.backoffCapMs ?? 60_000,
        );
      }
      this.passFinished();
      if (this.stopped) break;
      if (this.kickedMidPass) delay = 0;
      if (delay > 0) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** One pass; true when nothing is left to do. Throws on a transient failure (backoff). */
  async runOnce(): Promise<boolean> {
    const pending = this.options.journal.pending();
    const ratingsWaiting = (await this.options.ratings?.list())?.length ?? 0;
    if (pending.length === 0 && ratingsWaiting === 0) {
      // Nothing to send, but the screen still says whether the county is reachable: a kiosk that
      // never probed would tell every villager 网络未连接 until their first application.
      await this.probe().catch(() => undefined);
      this.publish();
      return true;
    }
    await this.probe();
    if (ratingsWaiting > 0 && (await this.options.ratings!.drain(this.options.client)) > 0) this.succeeded();
    const batch = this.options.pushBatch ?? 10;
    const unpushed = pending.filter((d) => !this.pushed.has(d.id));
    for (let i = 0; i < unpushed.length; i += batch) {
      const rows = unpushed.slice(i, i + batch).map((doc) => ({ newDocumentState: doc }));
      // A conflict answer means the county already holds the id (or stored it as rejected, with
      // a reason the clerk sees): either way it is there, and the kiosk never re-sends content.
      await this.options.client.push('applications', rows);
      for (const row of rows) this.pushed.add(row.newDocumentState.id);
      this.succeeded();
    }
    await this.uploadFiles(pending);
    await this.acknowledgeComplete(pending);
    this.publish();
    return this.options.journal.pending().length === 0;
  }

  private async probe(): Promise<void> {
    const url = new URL('/healthz', this.options.client.baseUrl);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`healthz answered ${res.status}`);
    } catch (err) {
      this.status.online = false;
      throw Object.assign(new Error(`county unreachable: ${(err as Error).message}`), { offline: true });
    }
    this.status.online = true;
  }

  private fileJobs(pending: ApplicationDocument[]): FileJob[] {
    const jobs: FileJob[] = [];
    for (const doc of pending) {
      if (!this.pushed.has(doc.id)) continue;
      for (const material of doc.materials) {
        const key = UploadState.key(doc.id, material.sha256);
        if (!this.verified.has(key) && !this.lostFiles.has(key)) jobs.push({ doc, material, key });
      }
    }
    // Small first: many short uploads finish (and free applications) before one long one.
    return jobs.sort((a, b) => a.material.size - b.material.size);
  }

  private async uploadFiles(pending: ApplicationDocument[]): Promise<void> {
    const jobs = this.fileJobs(pending);
    let firstError: unknown;
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !this.stopped && firstError === undefined) {
        const job = jobs[next++]!;
        try {
          await this.uploadOne(job);
        } catch (err) {
          firstError ??= err;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
    if (firstError !== undefined) throw firstError;
  }

  private async uploadOne({ doc, material, key }: FileJob): Promise<void> {
    if (!this.options.uploadState.pathFor(key) && !this.submittedHere.has(doc.id)) {
      // After a restart the page may already be there (finished just before the power cut);
      // one small request saves sending it again.
      const status = await this.options.client.fileStatus(material.sha256, doc.id);
      if (status.state === 'verified') {
        this.verified.add(key);
        return;
      }
    }
    let confirmed: boolean;
    try {
      ({ confirmed } = await this.options.uploader.upload({
        applicationId: doc.id,
        sha256: material.sha256,
        contentType: material.contentType,
        size: material.size,
        read: () => this.options.outbox.get(material.sha256),
      }));
    } catch (err) {
      if (err instanceof OutboxError) {
        // The page is gone or damaged on this kiosk; retrying cannot help. Clerks see the
        // application as incomplete (补正) on the county side.
        this.options.log.error('page cannot be uploaded', {
          application: doc.trackingNumber,
          code: err.code,
        });
        this.lostFiles.add(key);
        return;
      }
      throw err;
    }
    if (!confirmed) {
      const status = await this.options.client.fileStatus(material.sha256, doc.id);
      if (status.state !== 'verified') {
        await this.options.uploadState.forget(key);
        throw new UploadError(
          'hash-mismatch',
          `county holds a ${status.state} copy of ${material.sha256}; sending it again`,
        );
      }
    }
    this.verified.add(key);
    this.succeeded();
  }

  private async acknowledgeComplete(pending: ApplicationDocument[]): Promise<void> {
    const complete = pending.filter(
      (doc) =>
        this.pushed.has(doc.id) &&
        doc.materials.every((m) => {
          const key = UploadState.key(doc.id, m.sha256);
          return this.verified.has(key) || this.lostFiles.has(key);
        }),
    );
    if (complete.length === 0) return;
    await this.options.journal.acknowledge(complete.map((d) => d.id));
    for (const doc of complete) {
      for (const m of doc.materials) {
        const shared = this.options.journal
          .pending()
          .some((p) => p.materials.some((o) => o.sha256 === m.sha256));
        if (!shared) await this.options.outbox.remove(m.sha256).catch(() => {});
      }
    }
  }

  private succeeded(): void {
    this.status.lastSuccessAt = (this.options.now?.() ?? new Date()).toISOString();
    this.status.online = true;
    this.status.error = null;
    this.publish();
  }

  private setError(err: unknown): void {
    if ((err as { offline?: boolean }).offline) {
      this.status.error = OFFLINE;
    } else if (err instanceof GatewayRequestError) {
      this.status.error = { code: err.code, message: err.message, messageZh: err.messageZh };
    } else if (err instanceof UploadError) {
      this.status.error = {
        code: `upload-${err.code}`,
        message: err.message,
        messageZh: '材料上传中断，稍后会自动从断点继续。',
      };
    } else {
      this.status.error = {
        code: 'sync-failed',
        message: (err as Error).message ?? String(err),
        messageZh: '上报县里时出错，稍后会自动重试。',
      };
    }
    this.options.log.warn('county drain failed', { code: this.status.error.code, failures: this.failures });
    this.publish();
  }

  private counts() {
    const pending = this.options.journal.pending();
    let queuedFiles = 0;
    let bytesPending = 0;
    for (const doc of pending) {
      for (const m of doc.materials) {
        const key = UploadState.key(doc.id, m.sha256);
        if (this.verified.has(key) || this.lostFiles.has(key)) continue;
        queuedFiles++;
        bytesPending += m.size;
      }
    }
    return { queuedDocuments: pending.length, queuedFiles, bytesPending };
  }

  private publish(): void {
    this.options.onStatus?.(this.currentStatus());
  }
}
