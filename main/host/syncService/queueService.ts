import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import type { SubmitResult, SyncStatus } from '../../../contract/queue';
import { DeviceSigner } from '../../../sync/client/deviceKey';
import { GatewayClient } from '../../../sync/client/gatewayClient';
import { type Outbox, openOutbox } from '../capture/outbox';
import type { KioskConfig } from '../config/kioskConfig';
import { buildApplication } from '../journal/applicationFactory';
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
import { CountyDrain } from './countyDrain';
import { type DeviceCredentials, loadDeviceCredentials } from './deviceCredentials';

/**
 * The offline queue's host service: `queue.*` requests of the contract, the journal, the county
 * drain (documents + tus uploads) and the sync status event.
 *
 * Why tokens and not a proxy: the renderer's RxDB replication talks to the county directly
 * (fetch + EventSource, so RxDB's live stream works as designed) and asks the host for one
 * short-lived signed token per request (`queue.syncToken`). The device key never leaves the host,
 * a stolen token is useless after two minutes and cannot be replayed (fresh jti), and the host
 * does not have to stream every pull through the contract.
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
  drain?: { idleMs?: number; backoffBaseMs?: number; backoffCapMs?: number; concurrency?: number };
}

const TOKEN_SECONDS = 120;

export class QueueService implements HostService {
  readonly name = 'queue';
  journal: Journal | undefined;
  outbox: Outbox | undefined;
  drain: CountyDrain | undefined;
  private credentials: DeviceCredentials | null = null;
  private signer: DeviceSigner | undefined;
  private personalKey = '';

  constructor(private readonly options: QueueServiceOptions) {}

  private get countyUrl(): string | null {
    return this.options.countyUrl !== undefined ? this.options.countyUrl : (this.options.host.config.county?.url ?? null);
  }

  async start(): Promise<void> {
    const { paths, keys, log } = this.options;
    const key = await keys.getKey();
    const sealer = sealerFor(key);
    // The renderer gets a key derived for its one purpose, never the data key itself.
    this.personalKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'cunban-renderer-personal-v1', 32)).toString('base64');
    this.journal = await Journal.open(paths.journal, sealer, { now: this.options.now });
    if (this.journal.openReport.tornTailBytes > 0) {
      log.warn('journal had a torn last record (power cut while writing); it was cut off', {
        bytes: this.journal.openReport.tornTailBytes,
      });
    }
    this.outbox = await openOutbox(paths.outbox, keys);
    const loadCredentials = this.options.credentials ?? (() => loadDeviceCredentials(paths.keys, sealer));
    this.credentials = await loadCredentials();
    this.registerHandlers();
    const county = this.countyUrl;
    if (!this.credentials || !county) {
      log.info('queue started without county sync', { enrolled: !!this.credentials, county: !!county });
      return;
    }
    this.signer = new DeviceSigner(this.credentials.key, this.credentials.deviceId, this.credentials.audience, TOKEN_SECONDS);
    const signer = this.signer;
    const uploadState = await UploadState.load(join(paths.journal, 'uploads.json'));
    this.drain = new CountyDrain({
      journal: this.journal,
      outbox: this.outbox,
      client: new GatewayClient(county, signer),
      uploader: new TusUploader({
        baseUrl: county,
        token: () => signer.token(),
        state: uploadState,
        bytesPerSecond: this.options.uploadBytesPerSecond,
      }),
      uploadState,
      log: log.child('drain'),
      onStatus: (status) => this.options.host.contract.emit('queue.statusChanged', status),
      ...this.options.drain,
    });
    this.drain.start();
  }

  async stop(): Promise<void> {
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

  async submit(draft: Parameters<typeof buildApplication>[0]): Promise<SubmitResult> {
    const journal = this.journal;
    const site = this.credentials;
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
      await assertFreeSpace(this.options.paths.journal, this.options.host.config.storage.minFreeMegabytes, this.options.statfs);
      const document = await journal.appendApplication((day, seq) => buildApplication(draft, site, day, seq));
      this.options.log.info('application journaled', { tracking: document.trackingNumber, materials: document.materials.length });
      this.drain?.kick();
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
      'queue.syncToken': async () => {
        const county = this.countyUrl;
        if (!this.signer || !county) return null;
        const token = await this.signer.token();
        return { countyUrl: county, token, expiresAt: new Date(Date.now() + TOKEN_SECONDS * 1000).toISOString() };
      },
      'queue.status': async () => this.status(),
    });
  }
}
