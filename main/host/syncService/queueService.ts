import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { ContractError } from '../../../contract/define';
import type { SubmitResult, SyncStatus } from '../../../contract/queue';
import { DeviceSigner } from '../../../sync/client/deviceKey';
import { GatewayClient } from '../../../sync/client/gatewayClient';
import { newUuidV7 } from '../../../sync/protocol/ids';
import { type Outbox, openOutbox } from '../capture/outbox';
import { type ClerkGate, verifyAssistedDraft } from '../clerk/assistedSubmission';
import type { KioskConfig } from '../config/kioskConfig';
import { buildApplication, type SiteIdentity } from '../journal/applicationFactory';
import { assertFreeSpace, DiskSpaceError, type StatFs } from '../journal/diskSpaceGuard';
import { Journal, JournalError } from '../journal/journal';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostPaths } from '../paths';
import type { DataKeyProvider } from '../secure/dataKey';
import { sealerFor } from '../secure/sealedBox';
import type { HostService } from '../serviceManager';
import { TusUploader } from '../upload/tusUploader';
import { UploadState } from '../upload/uploadState';
import { ApplicationLookup, type NoticeSource } from './applicationLookup';
import { CountyDrain } from './countyDrain';
import { CountyProxy } from './countyProxy';
import { type DeviceCredentials, loadDeviceCredentials } from './deviceCredentials';
import { RatingOutbox } from './ratingOutbox';

/**
 * The offline queue's host service: `queue.*` requests of the contract, the journal, the county
 * drain (documents + tus uploads) and the sync status event.
 *
 * The renderer's RxDB replication reaches the county through the host (`queue.pull`,
 * `queue.push`, `queue.countyChanged`; see countyProxy.ts and docs/offline-queue.md for why a
 * proxy and not tokens handed to the renderer).
 */
export interface QueueServiceOptions {
  host: Pick<KioskHost, 'contract' | 'services'> & { config: KioskConfig };
  paths: Pick<HostPaths, 'journal' | 'outbox' | 'keys'>;
  keys: DataKeyProvider;
  log: Logger;
  /** Defaults to the sealed file written at enrollment (`paths.keys/device.sealed`). */
  credentials?: () => Promise<DeviceCredentials | null>;
  /** County address; defaults to config.county.url. */
  countyUrl?: string | null;
  /** Optional cap for page uploads, bytes per second. */
  uploadBytesPerSecond?: number;
  statfs?: StatFs;
  now?: () => Date;
  journal?: { compactAfterAcks?: number };
  /** The host's own journal drain (default on); tests of the renderer's replication turn it off. */
  drainEnabled?: boolean;
  drain?: { idleMs?: number; backoffBaseMs?: number; backoffCapMs?: number; concurrency?: number };
  /** Clerk mode: assisted applications are checked against the live clerk session. */
  clerks?: ClerkGate;
}

const TOKEN_SECONDS = 120;

/**
 * A demo kiosk (never enrolled) still takes applications so the whole journey can be shown:
 * they are journaled under terminal 99 of the configured division and never sent anywhere.
 */
function demoSite(config: KioskConfig): SiteIdentity | null {
  if (config.profile !== 'demo') return null;
  const division = config.site?.divisionCode ?? '441625200001';
  return { deviceId: 'demo', siteCode: `${division}99`, division };
}

export class QueueService implements HostService {
  readonly name = 'queue';
  journal: Journal | undefined;
  outbox: Outbox | undefined;
  drain: CountyDrain | undefined;
  proxy: CountyProxy | undefined;
  ratings: RatingOutbox | undefined;
  private lookup: ApplicationLookup | undefined;
  /** Enrolled identity, or in the demo profile a fixed demo terminal whose queue never leaves the kiosk. */
  private site: SiteIdentity | null = null;
  private credentials: DeviceCredentials | null = null;
  private signer: DeviceSigner | undefined;
  private personalKey = '';

  constructor(private readonly options: QueueServiceOptions) {}

  private get countyUrl(): string | null {
    return this.options.countyUrl !== undefined
      ? this.options.countyUrl
      : (this.options.host.config.county?.url ?? null);
  }

  async start(): Promise<void> {
    const { paths, keys, log } = this.options;
    const key = await keys.getKey();
    const sealer = sealerFor(key);
    // The renderer gets a key derived for its one purpose, never the data key itself.
    this.personalKey = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), 'cunban-renderer-personal-v1', 32),
    ).toString('base64');
    this.journal = await Journal.open(paths.journal, sealer, {
      now: this.options.now,
      ...this.options.journal,
    });
    if (this.journal.openReport.tornTailBytes > 0) {
      log.warn('journal had a torn last record (power cut while writing); it was cut off', {
        bytes: this.journal.openReport.tornTailBytes,
      });
    }
    this.outbox = await openOutbox(paths.outbox, keys);
    const loadCredentials = this.options.credentials ?? (() => loadDeviceCredentials(paths.keys, sealer));
    this.credentials = await loadCredentials();
    this.site = this.credentials ?? demoSite(this.options.host.config);
    this.ratings = new RatingOutbox(join(paths.journal, 'ratings'), sealer);
    this.lookup = new ApplicationLookup(this.journal, null);
    this.registerHandlers();
    const county = this.countyUrl;
    if (!this.credentials || !county) {
      log.info('queue started without county sync', { enrolled: !!this.credentials, county: !!county });
      return;
    }
    this.signer = new DeviceSigner(
      this.credentials.key,
      this.credentials.deviceId,
      this.credentials.audience,
      TOKEN_SECONDS,
    );
    const signer = this.signer;
    const client = new GatewayClient(county, signer);
    this.lookup = new ApplicationLookup(this.journal, client);
    this.proxy = new CountyProxy(client, log.child('county'), (collection) =>
      this.options.host.contract.emit('queue.countyChanged', { collection }),
    );
    this.proxy.startStream();
    const uploadState = await UploadState.load(join(paths.journal, 'uploads.json'));
    this.drain = new CountyDrain({
      journal: this.journal,
      outbox: this.outbox,
      client,
      uploader: new TusUploader({
        baseUrl: county,
        token: () => signer.token(),
        state: uploadState,
        bytesPerSecond: this.options.uploadBytesPerSecond,
      }),
      uploadState,
      ratings: this.ratings,
      log: log.child('drain'),
      onStatus: (status) => this.options.host.contract.emit('queue.statusChanged', status),
      ...this.options.drain,
    });
    if (this.options.drainEnabled !== false) this.drain.start();
  }

  async stop(): Promise<void> {
    await this.proxy?.stop();
    await this.drain?.stop();
    await this.journal?.close();
  }

  status(): SyncStatus {
    if (this.drain) return this.drain.currentStatus();
    return {
      online: false,
      queuedDocuments: this.journal?.pending().length ?? 0,
      queuedFiles: 0,
      bytesPending: 0,
      lastSuccessAt: null,
      error: {
        code: 'not-enrolled',
        message: 'this kiosk is not enrolled with a county gateway; applications are kept locally',
        messageZh: '本机尚未接入县里的系统，申请暂存在本机。',
      },
    };
  }

  async submit(claimed: Parameters<typeof buildApplication>[0]): Promise<SubmitResult> {
    // Throws `forbidden` for a clerk claim without that clerk's live session, before anything is written.
    const draft = verifyAssistedDraft(claimed, this.options.clerks?.assistingClerk() ?? null);
    const journal = this.journal;
    const site = this.site;
    if (!journal || !site) {
      return {
        ok: false,
        reason: 'not-enrolled',
        message: 'the kiosk has no site identity yet (not enrolled)',
        messageZh: '本机尚未完成登记，暂时不能受理申请，请联系工作人员。',
      };
    }
    try {
      // Before anything is written: a refused application leaves no trace.
      await assertFreeSpace(
        this.options.paths.journal,
        this.options.host.config.storage.minFreeMegabytes,
        this.options.statfs,
      );
      const document = await journal.appendApplication((day, seq) => buildApplication(draft, site, day, seq));
      this.options.log.info('application journaled', {
        tracking: document.trackingNumber,
        materials: document.materials.length,
      });
      this.drain?.kick(document.id);
      if (document.assistedBy) {
        // The application is safe in the journal: a failed audit write must not turn it into a refusal.
        await this.options.clerks?.assistedSubmitted(document).catch((error: Error) => {
          this.options.log.warn('assisted submission not audited', { error: error.message });
        });
      }
      return { ok: true, document };
    } catch (err) {
      if (err instanceof DiskSpaceError) {
        this.options.log.warn('application refused: disk almost full', { freeMb: err.freeMegabytes });
        return { ok: false, reason: 'disk-full', message: err.message, messageZh: err.messageZh };
      }
      if (err instanceof JournalError && err.code === 'sequence-exhausted') {
        return { ok: false, reason: 'sequence-exhausted', message: err.message, messageZh: err.messageZh };
      }
      this.options.log.error('journal append failed', { error: (err as Error).message });
      return {
        ok: false,
        reason: 'journal-failed',
        message: (err as Error).message,
        messageZh: '申请暂时无法保存，请联系工作人员。',
      };
    }
  }

  /** An application as the county last reported it, with the applicant masked (result notices). */
  async findForNotice(
    query: { applicationId: string } | { trackingNumber: string },
  ): Promise<NoticeSource | null> {
    return (await this.lookup?.noticeSource(query)) ?? null;
  }

  private requireProxy(): CountyProxy {
    if (!this.proxy)
      throw new ContractError('unavailable', 'this kiosk is not connected to a county gateway');
    return this.proxy;
  }

  private registerHandlers(): void {
    this.options.host.contract.handle({
      'queue.submit': (draft) => this.submit(draft),
      'queue.journalEntries': async () => ({ documents: this.journal?.pending() ?? [] }),
      'queue.session': async () => ({
        personalKey: this.personalKey,
        countyUrl: this.countyUrl,
        deviceId: this.credentials?.deviceId ?? null,
        retentionDays: this.options.host.config.retention.personalDataDays,
      }),
      'queue.probe': async () => ({ online: (await this.proxy?.probe()) ?? false }),
      'queue.pull': async ({ collection, seq, limit }) => this.requireProxy().pull(collection, seq, limit),
      'queue.push': async ({ collection, rows }) => ({
        conflicts: await this.requireProxy().push(collection, rows),
      }),
      'queue.status': async () => this.status(),
      'queue.lookupApplications': async (query) => ({ applications: (await this.lookup?.find(query)) ?? [] }),
      'queue.submitRating': async (input) => {
        const site = this.site;
        if (!site || !this.ratings) throw new ContractError('unavailable', 'ratings need an enrolled kiosk');
        await this.ratings.put({
          id: newUuidV7(),
          siteDivision: site.division,
          deviceId: site.deviceId,
          applicationId: input.applicationId,
          serviceId: input.serviceId,
          level: input.level,
          reasonTags: input.reasonTags,
          comment: null,
          templateVersion: input.templateVersion,
          createdAt: (this.options.now?.() ?? new Date()).toISOString(),
          followUp: null,
          rejectionReason: null,
          _deleted: false,
        });
        this.drain?.kick();
        return { ok: true as const };
      },
    });
  }
}
