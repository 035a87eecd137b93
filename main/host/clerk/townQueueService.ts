import { mkdir } from 'node:fs/promises';
import type { ClerkSession } from '../../../contract/clerk';
import { chinaDate, type SupplementReceiptFrame, type TownQueue } from '../../../contract/clerkQueue';
import { ContractError } from '../../../contract/define';
import type { RequestInput, RequestName, RequestOutput } from '../../../contract/kioskApi';
import type { MaterialRef } from '../../../sync/protocol/documents';
import type { KioskConfig } from '../config/kioskConfig';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { DataKeyProvider } from '../secure/dataKey';
import { sealerFor } from '../secure/sealedBox';
import type { HostService } from '../serviceManager';
import type { QueueService } from '../syncService/queueService';
import type { ClerkService } from './clerkService';
import { CountyApplicationIndex } from './countyApplicationIndex';
import { dailySummaryModel, summarizeDay } from './dailySummary';
import { buildTownQueue } from './townQueueList';

/** How long the list waits for the county's latest before answering from the last view. */
const LIST_WAIT_MS = 4_000;

export interface TownQueueServiceOptions {
  /** `config.site.townPhone`, when set, is the number printed on supplement receipts. */
  host: Pick<KioskHost, 'contract'> & { config?: Pick<KioskConfig, 'site'> };
  queue: Pick<QueueService, 'journal' | 'drain' | 'proxy' | 'status' | 'submit'>;
  clerk: Pick<ClerkService, 'requireSession' | 'audit' | 'directory'>;
  stateDir: string;
  keys: DataKeyProvider;
  log: Logger;
  /** How long "sync now" waits for the drain's pass before answering what it has. */
  syncWaitMs?: number;
  /** How long the list waits for the county before answering from the last view (4 s). */
  listWaitMs?: number;
  /** A county pull page that takes longer is given up (15 s), so a hung link cannot stall refreshes. */
  countyPullTimeoutMs?: number;
  now?: () => Date;
}

/**
 * The town's queue in the clerk workspace: the list with sync state and county status, "sync
 * now", reprints, the daily slip and 补正 supplements. Every request needs the clerk's session
 * and lands in the audit trail (with application ids, never villagers' data). Printing goes
 * through the contract's own printer requests, so the print queue's rules (one job per paper,
 * reprint only on request) are the same as everywhere else.
 */
export class TownQueueService implements HostService {
  readonly name = 'townQueue';
  private index!: CountyApplicationIndex;
  private readonly now: () => Date;

  constructor(private readonly options: TownQueueServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    const { stateDir, keys, host } = this.options;
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    this.index = new CountyApplicationIndex(
      stateDir,
      sealerFor(await keys.getKey()),
      () => {
        const proxy = this.options.queue.proxy;
        return proxy ? (seq, limit) => proxy.pull('applications', seq, limit) : null;
      },
      this.now,
      this.options.countyPullTimeoutMs,
    );
    await this.index.load();
    host.contract.handle({
      'clerk.queue.list': async () => {
        this.session();
        // The screen should not wait on a slow link: what the county said last is shown meanwhile.
        await this.index.refreshWithin(this.options.listWaitMs ?? LIST_WAIT_MS);
        return this.townQueue();
      },
      'clerk.queue.syncNow': async () => this.syncNow(),
      'clerk.queue.printJobs': async ({ applicationId }) => {
        this.session();
        return { jobs: await this.jobsOf(applicationId) };
      },
      'clerk.queue.reprint': async ({ applicationId, jobId }) => this.reprint(applicationId, jobId),
      'clerk.queue.submitSupplement': async (input) => this.submitSupplement(input),
      'clerk.dailySummary': async (input) => this.dailySummary(input),
    });
  }

  async stop(): Promise<void> {}

  private session(): ClerkSession {
    return this.options.clerk.requireSession();
  }

  private audit(session: ClerkSession, action: string, target: string | null, details = {}) {
    return this.options.clerk.audit.record({ clerkId: session.clerkId, action, target, details });
  }

  /** Requests of other host areas, through the contract so their validation applies here too. */
  private async call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const res = await this.options.host.contract.dispatch({ kind: 'request', id: 0, name, input });
    if (!res.ok) throw new ContractError(res.error.code, res.error.message);
    return res.output as RequestOutput<N>;
  }

  private townQueue(): TownQueue {
    return {
      items: buildTownQueue(this.options.queue.journal?.pending() ?? [], this.index.list()),
      status: this.options.queue.status(),
      countyRefreshedAt: this.index.refreshedAt,
    };
  }

  private async syncNow(): Promise<TownQueue> {
    const session = this.session();
    const before = this.options.queue.journal?.pending().length ?? 0;
    const drain = this.options.queue.drain;
    if (drain) {
      const pass = drain.nextPassDone(this.options.syncWaitMs ?? 20_000);
      drain.kick();
      await pass;
    }
    const reached = await this.index.refresh();
    // The renderer's own replication pulls too, so the villager screens show the same.
    if (reached) this.options.host.contract.emit('queue.countyChanged', { collection: 'applications' });
    const after = this.townQueue();
    await this.audit(session, 'clerk.queue.syncNow', null, {
      pendingBefore: before,
      pendingAfter: this.options.queue.journal?.pending().length ?? 0,
      countyReached: reached,
    });
    return after;
  }

  private trackingNumberOf(applicationId: string): string | undefined {
    return (
      this.index.get(applicationId)?.trackingNumber ??
      this.options.queue.journal?.pending().find((d) => d.id === applicationId)?.trackingNumber
    );
  }

  private async jobsOf(applicationId: string) {
    const tracking = this.trackingNumberOf(applicationId);
    if (!tracking) return [];
    const { jobs } = await this.call('printer.jobs', {});
    return jobs
      .filter((j) => j.trackingNumber === tracking)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private async reprint(applicationId: string, jobId: string) {
    const session = this.session();
    // A clerk reprints what belongs to the application on screen, nothing else by a guessed id.
    if (!(await this.jobsOf(applicationId)).some((j) => j.id === jobId)) {
      throw new ContractError('forbidden', 'that print job is not one of this application');
    }
    await this.audit(session, 'clerk.queue.reprint', applicationId, { jobId });
    return this.call('printer.reprint', { jobId });
  }

  private async dailySummary(input: RequestInput<'clerk.dailySummary'>) {
    const session = this.session();
    await this.index.refreshWithin(this.options.listWaitMs ?? LIST_WAIT_MS);
    const date = input.date ?? chinaDate(this.now());
    const jobs = await this.call('printer.jobs', {}).then(
      (r) => r.jobs,
      () => [],
    );
    const summary = summarizeDay(this.townQueue().items, jobs, date, input.serviceNames ?? {});
    let job = null;
    if (input.print) {
      const model = dailySummaryModel(summary, {
        siteName: input.siteName,
        kioskId: input.kioskId,
        clerkName: session.displayName,
        printedAt: this.now().toISOString(),
      });
      job = await this.call('printer.printDailySummary', model);
    }
    await this.audit(session, input.print ? 'clerk.dailySummary.print' : 'clerk.dailySummary.view', null, {
      date,
      total: summary.total,
    });
    return { ...summary, job };
  }

  private async originalContent(originalId: string) {
    const journaled = this.options.queue.journal?.pending().find((d) => d.id === originalId);
    if (journaled) return journaled;
    if (!this.index.original(originalId)) await this.index.refresh();
    return this.index.original(originalId);
  }

  private async submitSupplement(input: {
    originalId: string;
    materials: MaterialRef[];
    receipt: SupplementReceiptFrame;
  }) {
    const session = this.session();
    const { originalId } = input;
    await this.index.refresh();
    const county = this.index.get(originalId);
    if (county?.status !== 'correctionRequired') {
      return {
        ok: false as const,
        reason: 'not-correction',
        messageZh: '县里没有要求这件申请补正，不需要补交材料。',
      };
    }
    const original = await this.originalContent(originalId);
    if (!original) {
      return {
        ok: false as const,
        reason: 'original-unavailable',
        messageZh: '还没有从县里取到原申请的内容，请联网后再办理补正。',
      };
    }
    const clerkName = this.options.clerk.directory.byId(session.clerkId)?.name ?? session.displayName;
    const result = await this.options.queue.submit({
      serviceId: original.serviceId,
      serviceVersion: original.serviceVersion,
      applicant: original.applicant,
      agent: original.agent ?? null,
      formValues: original.formValues,
      materials: input.materials,
      assistedBy: { clerkId: session.clerkId, name: clerkName },
      supplementOf: originalId,
    });
    if (!result.ok) return { ok: false as const, reason: result.reason, messageZh: result.messageZh };
    const doc = result.document;
    await this.audit(session, 'clerk.queue.supplement', originalId, {
      supplement: doc.id,
      materials: input.materials.length,
    });
    this.options.log.info('补正 supplement journaled', {
      tracking: doc.trackingNumber,
      original: county.trackingNumber,
    });
    const frame = input.receipt;
    const receipt = await this.call('printer.printReceipt', {
      siteName: frame.siteName,
      kioskId: frame.kioskId,
      serviceName: `${frame.serviceName}（补正）`,
      trackingNumber: doc.trackingNumber,
      statusUrl: frame.statusUrl,
      // The layout masks these; they come from the host's record, never from the screen.
      applicantName: doc.applicant.name,
      applicantIdNumber: doc.applicant.idNumber,
      materials: frame.materialNames.map((name) => ({ name, received: true })),
      submittedAt: doc.submittedAt,
      legalProcessingTime: frame.legalProcessingTime,
      resultCollection: frame.resultCollection,
      queuedOffline: !this.options.queue.status().online,
      townOfficePhone: this.options.host.config?.site?.townPhone || frame.townOfficePhone,
    }).catch((error: Error) => {
      // The supplement is journaled either way; the clerk sees the receipt did not print.
      this.options.log.warn('supplement receipt not printed', { error: error.message });
      return null;
    });
    return { ok: true as const, applicationId: doc.id, trackingNumber: doc.trackingNumber, receipt };
  }
}
